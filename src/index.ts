/**
 * alisms — the SDK entry. Node built-ins only: no third-party module is loaded from here.
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './sign/index.js';
