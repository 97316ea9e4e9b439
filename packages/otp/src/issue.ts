import type { StoredCode } from './code-store.js';
import type { LimitCheck, LimitResult } from './limiter/index.js';

/**
 * Outcome of {@link IssueCode}: `locked` (nothing checked or written), `limited` (a limit refused: nothing
 * counted, nothing stored) or `stored` (every limit counted and the code stored, replacing the previous one).
 */
export type IssueOutcome =
  | { readonly status: 'locked'; readonly lockedUntil: number }
  | { readonly status: 'limited' | 'stored'; readonly limit: LimitResult };

/**
 * Everything a send asks of the store, as one atomic step: if `subject` is locked → `locked`; else check
 * every limit in `checks` and, only if all allow, count one hit in each and store `code` for `subject`.
 * `code.id` is the send's id. On Redis this is one script, one round trip.
 */
export type IssueCode = (
  subject: string,
  checks: readonly LimitCheck[],
  code: StoredCode,
  now: number,
) => Promise<IssueOutcome>;
