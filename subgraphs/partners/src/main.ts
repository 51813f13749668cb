import { runSubgraph } from '@c2c/kernel';
import { partners } from './index';

runSubgraph(partners);
