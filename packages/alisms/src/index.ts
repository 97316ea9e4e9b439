/**
 * alisms — the SDK entry: clients for China SMS, international SMS and Direct Mail, the signers, the
 * credential chain and the `AliyunSMS` facade. Node built-ins only: no third-party module is loaded
 * from here (CI checks it), and it is the one entry that also works with `require('alisms')`.
 *
 * Each folder's index lists its public names explicitly; this entry only gathers them.
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './credentials/index.js';
export * from './dypns/index.js';
export * from './facade/index.js';
export * from './mail/index.js';
export * from './sign/index.js';
export * from './sms/index.js';
export * from './transport/index.js';
