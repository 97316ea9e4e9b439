import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { maskSecret } from '../core/redact.js';
import type { Credentials } from './types.js';

/** What `createCredentials` needs. */
export interface CredentialsInit {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
  /** Epoch ms after which the credentials are no longer valid. */
  expiration?: number | undefined;
  source: string;
}

/** The printable face of credentials: what `toJSON`, `inspect` and `alisms doctor` show. */
export interface CredentialsDescription {
  readonly source: string;
  /** Masked, e.g. `LTAI****1234`. */
  readonly accessKeyId: string;
  readonly hasSecurityToken: boolean;
  /** ISO 8601, when the credentials expire. */
  readonly expiration?: string;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Credentials that cannot leak by accident: the secret and the STS token live in private fields
 * behind getters, so `JSON.stringify`, `util.inspect` (even with `showHidden`), `Object.keys`,
 * spreading and `String()` only ever see the source and the masked AccessKeyId.
 * Reading `accessKeySecret` explicitly still works, which is all a signer needs.
 */
export class ResolvedCredentials implements Credentials {
  readonly accessKeyId: string;
  readonly expiration: number | undefined;
  readonly source: string;
  readonly #accessKeySecret: string;
  readonly #securityToken: string | undefined;

  constructor(init: CredentialsInit) {
    this.accessKeyId = init.accessKeyId;
    this.#accessKeySecret = init.accessKeySecret;
    this.#securityToken = init.securityToken;
    this.expiration = init.expiration;
    this.source = init.source;
    Object.freeze(this);
  }

  get accessKeySecret(): string {
    return this.#accessKeySecret;
  }

  get securityToken(): string | undefined {
    return this.#securityToken;
  }

  toJSON(): CredentialsDescription {
    return describeCredentials(this);
  }

  toString(): string {
    const d = describeCredentials(this);
    const sts = d.hasSecurityToken ? ', securityToken=****' : '';
    const exp = d.expiration ? `, expiration=${d.expiration}` : '';
    return `Credentials(source=${d.source}, accessKeyId=${d.accessKeyId}${sts}${exp})`;
  }

  [INSPECT](): string {
    return this.toString();
  }
}

/**
 * Builds safe credentials after checking that both halves of the AccessKey are non-empty strings.
 * @example createCredentials({ accessKeyId: 'LTAI…', accessKeySecret: '…', source: 'static' })
 */
export function createCredentials(init: CredentialsInit): ResolvedCredentials {
  if (typeof init.accessKeyId !== 'string' || init.accessKeyId === '')
    throw new InvalidArgumentError('accessKeyId', `${init.source} gave no AccessKeyId`);
  if (typeof init.accessKeySecret !== 'string' || init.accessKeySecret === '')
    throw new InvalidArgumentError('accessKeySecret', `${init.source} gave no AccessKeySecret`);
  const token = init.securityToken === '' ? undefined : init.securityToken;
  return new ResolvedCredentials({ ...init, securityToken: token });
}

/** The masked description of any `Credentials` value: source, masked AccessKeyId, token presence, expiry. */
export function describeCredentials(credentials: Credentials): CredentialsDescription {
  const base = {
    source: credentials.source,
    accessKeyId: maskSecret(credentials.accessKeyId),
    hasSecurityToken: Boolean(credentials.securityToken),
  };
  return credentials.expiration === undefined
    ? base
    : { ...base, expiration: new Date(credentials.expiration).toISOString() };
}
