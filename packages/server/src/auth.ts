import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks `Authorization: Bearer <key>` against the configured API keys. Keys are compared as
 * SHA-256 digests with `timingSafeEqual`, and every key is compared whatever the outcome, so the
 * time taken reveals neither a key's prefix nor which key matched.
 */
export interface ApiKeyCheck {
  /** `true` when the header carries one of the keys; always `true` when auth is off (`allowAnonymous`). */
  check(authorization: string | null | undefined): boolean;
  /**
   * The owner of the key the header carries (the service it selects; `default` for a plain key), or
   * `undefined` when it carries none of them. `default` for every request when auth is off.
   */
  identify(authorization: string | null | undefined): string | undefined;
  /** Whether requests need a key at all. */
  readonly required: boolean;
}

/** A key that selects a service other than `default` (per-tenant services). */
export interface OwnedApiKey {
  /** The key (a secret: never logged). */
  key: string;
  /** The service it selects. */
  owner: string;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Builds the check; with no keys and `allowAnonymous` (the `--emulator` dev mode) every request passes. A plain
 * string key belongs to `default`; `{ key, owner }` to the named service.
 */
export function createApiKeyCheck(
  keys: readonly (string | OwnedApiKey)[],
  options: { allowAnonymous?: boolean } = {},
): ApiKeyCheck {
  const entries = keys
    .map((k) => (typeof k === 'string' ? { key: k, owner: 'default' } : k))
    .filter((k) => k.key.length > 0)
    .map((k) => ({ digest: digest(k.key), owner: k.owner }));
  const required = entries.length > 0 || options.allowAnonymous !== true;
  const identify = (authorization: string | null | undefined): string | undefined => {
    if (!required) return 'default';
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const presented = digest(match[1]!);
    let owner: string | undefined;
    for (const e of entries) if (timingSafeEqual(e.digest, presented) && owner === undefined) owner = e.owner;
    return owner;
  };
  return { required, identify, check: (authorization) => identify(authorization) !== undefined };
}
