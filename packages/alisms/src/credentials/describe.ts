import { type CredentialsDescription, describeCredentials } from './resolved-credentials.js';
import type { CredentialProvider } from './types.js';

/**
 * Resolves a provider and says where its credentials came from, for `alisms doctor`: the source, the
 * AccessKeyId masked, whether an STS token is present and when it expires — never the secret or the token.
 * Rejects as the provider does (e.g. `CredentialsNotFoundError`, whose message lists every place tried).
 * @example console.log(await describeCredentialSource(defaultCredentialChain()));
 * // { source: 'env', accessKeyId: 'LTAI****1234', hasSecurityToken: false }
 */
export async function describeCredentialSource(provider: CredentialProvider): Promise<CredentialsDescription> {
  return describeCredentials(await provider());
}
