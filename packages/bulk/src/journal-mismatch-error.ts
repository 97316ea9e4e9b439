import { AlismsError } from 'alisms';

/** The journal beside the input belongs to a different job (other sign, template or input file). */
export class JournalMismatchError extends AlismsError {
  override name = 'JournalMismatchError';
  readonly journalPath: string;
  constructor(journalPath: string, field: string) {
    super(
      `The journal ${journalPath} was written for a different job (its ${field} differs). ` +
        'Re-run with the original options to resume it, or pass --journal with a new file to start a new job.',
      { code: 'ALISMS_BULK_JOURNAL_MISMATCH' },
    );
    this.journalPath = journalPath;
  }
}
