import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks `Authorization: Bearer <key>` against the configured API keys. Keys are compared as
 * SHA-256 digests with `timingSafeEqual`, and every key is compared whatever the outcome, so the
 * time taken reveals neither a key's prefix nor which key matched.
 */
export interface ApiKeyCheck {
  /** `true` when the header carries one of the keys; always `true` when auth is off (`allowAnonymous`). */
  check(authorization: string | null | undefined): boolean;
  /** Whether requests need a key at all. */
  readonly required: boolean;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Builds the check; with no keys and `allowAnonymous` (the `--emulator` dev mode) every request passes. */
export function createApiKeyCheck(keys: readonly string[], options: { allowAnonymous?: boolean } = {}): ApiKeyCheck {
  const digests = keys.filter((k) => k.length > 0).map(digest);
  const required = digests.length > 0 || options.allowAnonymous !== true;
  return {
    required,
    check(authorization) {
      if (!required) return true;
      const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match) return false;
      const presented = digest(match[1]!);
      let ok = false;
      for (const d of digests) ok = timingSafeEqual(d, presented) || ok;
      return ok;
    },
  };
}
