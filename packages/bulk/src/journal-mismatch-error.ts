import { AlismsError } from 'alisms';

/** The journal beside the input belongs to a different job (other sign, template, or input content). */
export class JournalMismatchError extends AlismsError {
  override name = 'JournalMismatchError';
  readonly journalPath: string;
  /** The fingerprint field that differs (`sha256` when the input's content changed). */
  readonly field: string;
  constructor(journalPath: string, field: string) {
    const what =
      field === 'sha256' || field === 'size'
        ? 'the input file changed since the job started (its content differs)'
        : `its ${field} differs`;
    super(
      `The journal ${journalPath} was written for a different job: ${what}. ` +
        'Resuming would send rows that no longer match what was already sent. Restore the original file ' +
        'and options to resume it, or pass --restart to start a new job (rows already sent will be sent again).',
      { code: 'ALISMS_BULK_JOURNAL_MISMATCH' },
    );
    this.journalPath = journalPath;
    this.field = field;
  }
}
