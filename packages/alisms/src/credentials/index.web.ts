// The credential names every runtime has; the Web build's credentials entry as it is (scripts/build.mjs
// picks it), and the base of the Node entry (index.ts), which adds the providers that read files, the
// home directory or the ECS metadata service.
export { type ChainOptions, chain, chainWith } from './chain.js';
export {
  type CredentialsAttempt,
  CredentialsNotFoundError,
  isCredentialsNotFoundError,
} from './credentials-not-found-error.js';
export { CredentialsProviderSkip, isCredentialsProviderSkip } from './credentials-provider-skip.js';
export { CredentialsSourceError, isCredentialsSourceError } from './credentials-source-error.js';
export { type DefaultCredentialChainOptions, defaultCredentialChain } from './default-chain.js';
export { describeCredentialSource } from './describe.js';
export { fromEnv } from './env.js';
export { DEFAULT_REFRESH_BEFORE_MS, type MemoizedCredentialProvider, type MemoizeOptions, memoize } from './memoize.js';
export {
  type CredentialsDescription,
  type CredentialsInit,
  createCredentials,
  describeCredentials,
  ResolvedCredentials,
} from './resolved-credentials.js';
export { type StaticCredentialsInput, staticCredentials } from './static.js';
export type { CredentialProvider, Credentials, Env, LocationOptions } from './types.js';
