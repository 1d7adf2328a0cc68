export * from './roles';
export * from './user';
export * from './profile';
export * from './company';
export * from './application';
export * from './interview';
export * from './contact';
