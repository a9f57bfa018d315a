export * from './auth.js';
export * from './errors.js';
export * from './events.js';
export * from './locales.js';
export * from './permissions.js';
export * from './tickets.js';
export * from './users.js';
