export * from './candidate';
export * from './documents';
export * from './evidence';
export * from './extract';
export * from './lexicon';
export * from './match';
export * from './stream';
export * from './openai';
