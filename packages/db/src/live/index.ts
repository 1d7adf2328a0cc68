export * from './event-id';
export * from './log';
