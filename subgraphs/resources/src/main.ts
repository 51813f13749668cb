import { runSubgraph } from '@c2c/kernel';
import { resources } from './index';

runSubgraph(resources);
