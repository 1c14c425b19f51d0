export * from './api.js';
export * from './context.js';
export * from './errors.js';
export * from './events.js';
export * from './schemas.js';
export * from './rag.api.js';
export * from './auth.api.js';
