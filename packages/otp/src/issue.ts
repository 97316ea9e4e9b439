import type { StoredCode } from './code-store.js';
import type { LimitCheck, LimitResult } from './limiter/index.js';

/**
 * Outcome of {@link IssueCode}: `limited` (a limit refused: nothing counted, nothing stored) or `stored`
 * (every limit counted and the code stored, replacing the previous one).
 */
export type IssueOutcome = { readonly status: 'limited' | 'stored'; readonly limit: LimitResult };

/**
 * Everything a send asks of the store, as one atomic step: check every limit in `checks` and, only if all
 * allow, count one hit in each, store `code` for `subject` and lift a lock on `subject` (a lock from wrong
 * checks stops checks of the old code, never the owner's new one). `code.id` is the send's id. On Redis this
 * is one script, one round trip.
 */
export type IssueCode = (
  subject: string,
  checks: readonly LimitCheck[],
  code: StoredCode,
  now: number,
) => Promise<IssueOutcome>;
