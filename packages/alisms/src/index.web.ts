// The Web build's entry (chosen by scripts/build.mjs for workerd, edge-light, deno, browser, bun):
// no Node built-in is imported and nothing is read from process or Buffer while loading. The facade
// (a port of a Node package that reads files) and the file-based credential providers are Node-only.
/**
 * alisms for Workers, Deno, Bun, edge functions and browsers: the clients over fetch, the signers
 * (pure-JS SHA-1/SHA-256/HMAC, the same bytes as the Node build), credentials from options, a
 * provider function or `env`.
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './credentials/index.js';
export * from './mail/index.js';
export * from './sign/index.js';
export * from './sms/index.js';
export * from './transport/index.js';
