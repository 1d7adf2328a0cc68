export * from './client';
export * from './bootstrap';
export * from './migrate';
export * as schema from './schema/index';
export * from './schema/index';
export * from './live/index';
