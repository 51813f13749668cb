import { runSubgraph } from '@c2c/kernel';
import { referrals } from './index';

runSubgraph(referrals);
