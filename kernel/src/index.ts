import 'reflect-metadata';

export * from './auth';
export * from './authz';
export * from './connection';
export * from './context';
export * from './env';
export * from './errors';
export * from './federation';
export * from './imperative';
export * from './logger';
export * from './orm';
export * from './secret';
export * from './server';
export * from './subgraph';
export * as demo from './demo';
export * from "./migrations";
export * as testing from "./testing";
