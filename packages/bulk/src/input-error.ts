import { AlismsError } from 'alisms';

/**
 * The input file cannot be used as given (empty, binary, wrong encoding, a row over the size cap):
 * nothing was sent, and the message says what to change. The CLI exits with a usage error (2).
 */
export class BulkInputError extends AlismsError {
  override name = 'BulkInputError';
  /** 1-based line (or data row for XLSX) the problem was found on, when it is about one place. */
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(message, { code: 'ALISMS_BULK_INPUT' });
    this.line = line;
  }
}
