import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { defaultCredentialChain } from '../credentials/default-chain.js';
import { staticCredentials } from '../credentials/static.js';
import type { CredentialProvider } from '../credentials/types.js';
import type { ClientOptions } from './options.js';

/**
 * The provider a client uses: the `credentials` option, else the access key options, else the
 * default credential chain (environment, alisms.yaml, aliyun CLI, INI file, ECS role, URI).
 * Half an access key fails here, at construction, rather than on the first call.
 */
export function clientCredentialProvider(options: ClientOptions): CredentialProvider {
  if (options.credentials) return options.credentials;
  const { accessKeyId, accessKeySecret, securityToken } = options;
  if (accessKeyId || accessKeySecret) {
    if (!accessKeyId) throw new InvalidArgumentError('accessKeyId', 'accessKeySecret was given without accessKeyId');
    if (!accessKeySecret)
      throw new InvalidArgumentError('accessKeySecret', 'accessKeyId was given without accessKeySecret');
    // Resolved once: static keys never change, and the hot path then awaits an already-settled promise.
    const fixed = staticCredentials({ accessKeyId, accessKeySecret, securityToken })();
    return () => fixed;
  }
  return defaultCredentialChain(options.env === undefined ? {} : { env: options.env });
}
