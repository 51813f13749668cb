export * from './universe';
export { demoId, prng, type Prng } from './random';
export * from './staff';
