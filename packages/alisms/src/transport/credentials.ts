import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { defaultCredentialChain } from '../credentials/default-chain.js';
import { createCredentials } from '../credentials/resolved-credentials.js';
import type { CredentialProvider, Credentials } from '../credentials/types.js';
import type { ClientOptions } from './options.js';

/** How a client gets its keys: fixed ones (read synchronously on the hot path) or a provider to ask. */
export type ClientCredentials = { fixed: Credentials } | { provider: CredentialProvider };

/**
 * The `credentials` option, else the access key options, else the default credential chain
 * (environment, alisms.yaml, aliyun CLI, INI file, ECS role, URI). Half an access key fails here,
 * at construction, rather than on the first call.
 */
export function clientCredentials(options: ClientOptions): ClientCredentials {
  if (options.credentials) return { provider: options.credentials };
  const { accessKeyId, accessKeySecret, securityToken } = options;
  if (accessKeyId || accessKeySecret) {
    if (!accessKeyId) throw new InvalidArgumentError('accessKeyId', 'accessKeySecret was given without accessKeyId');
    if (!accessKeySecret)
      throw new InvalidArgumentError('accessKeySecret', 'accessKeyId was given without accessKeySecret');
    return { fixed: createCredentials({ accessKeyId, accessKeySecret, securityToken, source: 'static' }) };
  }
  return { provider: defaultCredentialChain(options.env === undefined ? {} : { env: options.env }) };
}

/** The same as a provider function, for callers that want one. */
export function clientCredentialProvider(options: ClientOptions): CredentialProvider {
  const c = clientCredentials(options);
  if ('provider' in c) return c.provider;
  const fixed = Promise.resolve(c.fixed);
  return () => fixed;
}
