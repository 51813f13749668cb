import { runSubgraph } from '@c2c/kernel';
import { students } from './index';

runSubgraph(students);
