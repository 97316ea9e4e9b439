import { InvalidArgumentError } from 'alisms';

const PREFIX = /^[A-Za-z0-9_.:-]{1,64}$/;
const PART = /^[A-Za-z0-9_.:-]{1,128}$/;

function part(value: string, what: string): string {
  if (!PART.test(value))
    throw new InvalidArgumentError(what, `"${value}" must match ${PART} (it becomes part of a key)`);
  return value;
}

/**
 * The one place that names Redis keys. Every key is `{<prefix>}:<kind>:…`: the prefix is also the
 * hash tag, so all keys of one prefix live in one Cluster slot and a Lua script may touch any of them.
 */
export interface KeySpace {
  readonly prefix: string;
  /** Counter or hit log of one limit for one subject (fixed windows add the window start). */
  limit(policyName: string, subject: string, windowStart?: number): string;
  /** Any other key under this prefix, e.g. `custom('code', id)`; used by stores built on the limiter. */
  custom(kind: string, id: string): string;
  /** Pattern that matches every key of this prefix (for tests and cleanup with SCAN). */
  readonly pattern: string;
}

export function keySpace(prefix: string): KeySpace {
  if (!PREFIX.test(prefix)) throw new InvalidArgumentError('prefix', `"${prefix}" must match ${PREFIX}`);
  const tag = `{${prefix}}`;
  return {
    prefix,
    pattern: `${tag}:*`,
    limit: (policyName, subject, start) =>
      `${tag}:lim:${part(policyName, 'policy')}:${part(subject, 'subject')}${start === undefined ? '' : `:${start}`}`,
    custom: (kind, id) => `${tag}:${part(kind, 'kind')}:${part(id, 'id')}`,
  };
}
