import { AlismsError } from '../core/errors.js';
import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import type { CredentialProvider, Credentials } from '../credentials/types.js';
import type { ClientOptions } from './options.js';

/**
 * The provider a client uses: `credentials` option → access key options → environment.
 * Kept behind one function so the credentials folder's default chain can replace the fallback.
 */
export function clientCredentialProvider(options: ClientOptions): CredentialProvider {
  if (options.credentials) return options.credentials;
  const { accessKeyId, accessKeySecret, securityToken } = options;
  if (accessKeyId || accessKeySecret) {
    if (!accessKeyId) throw new InvalidArgumentError('accessKeyId', 'accessKeySecret was given without accessKeyId');
    if (!accessKeySecret)
      throw new InvalidArgumentError('accessKeySecret', 'accessKeyId was given without accessKeySecret');
    const fixed: Promise<Credentials> = Promise.resolve({
      accessKeyId,
      accessKeySecret,
      securityToken,
      source: 'static',
    });
    return () => fixed;
  }
  const env = options.env ?? process.env;
  return async () => {
    const id = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    if (!id || !secret)
      throw new AlismsError(
        'No Aliyun credentials: pass accessKeyId and accessKeySecret (or credentials) to the client, or set ' +
          'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        { code: 'ALISMS_NO_CREDENTIALS' },
      );
    return { accessKeyId: id, accessKeySecret: secret, securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN, source: 'env' };
  };
}
