import { runSubgraph } from '@c2c/kernel';
import { events } from './index';

runSubgraph(events);
