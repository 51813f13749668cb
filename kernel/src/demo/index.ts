export * from './universe';
export { demoId } from './random';
