import type { RawRow } from './input.js';
import { normalizeBulkPhone } from './phone.js';
import { MAX_MESSAGE_CHARS, renderMessage, templateVariables } from './template.js';

/** A row that will be sent. */
export interface ValidRow {
  row: number;
  /** Normalised number, as sent. */
  phone: string;
  params: Record<string, string>;
}

/** A row that will never be sent, with the reason shown to the user. */
export interface InvalidRow {
  row: number;
  phone: string;
  reason: string;
}

/** Options of {@link RowValidator}: the signature, and the template text whose variables each row must fill. */
export interface ValidatorOptions {
  signName: string;
  /**
   * The template's text with `${var}` placeholders. When given, rows must fill exactly its variables
   * and the rendered length is checked; otherwise the variables are the input's columns.
   */
  templateText?: string | undefined;
}

/** The input column that holds the phone number; every other column is a template variable. */
export const PHONE_COLUMN = 'phone';

/** Checks rows one by one; keeps only the expected variable names between rows. */
export class RowValidator {
  private expected: string[] | undefined;
  constructor(private readonly options: ValidatorOptions) {
    if (options.templateText !== undefined) this.expected = templateVariables(options.templateText);
  }

  check(raw: RawRow): ValidRow | InvalidRow {
    if (raw.error !== undefined) return { row: raw.row, phone: '', reason: raw.error };
    const fields = raw.fields;
    const rawPhone = fields[PHONE_COLUMN];
    const phoneText = typeof rawPhone === 'string' || typeof rawPhone === 'number' ? String(rawPhone).trim() : '';
    if (phoneText === '') return { row: raw.row, phone: '', reason: `missing "${PHONE_COLUMN}"` };
    const phone = normalizeBulkPhone(phoneText);
    if (phone === undefined) return { row: raw.row, phone: phoneText, reason: 'bad number' };
    this.expected ??= (raw.columns ?? Object.keys(fields)).filter((c) => c !== PHONE_COLUMN);
    const params: Record<string, string> = {};
    for (const name of this.expected) {
      const value = fields[name];
      if (value === undefined || value === null || value === '')
        return { row: raw.row, phone, reason: `missing variable "${name}"` };
      if (typeof value === 'object') return { row: raw.row, phone, reason: `variable "${name}" must be text` };
      params[name] = String(value);
    }
    if (this.options.templateText !== undefined) {
      const length = Array.from(renderMessage(this.options.signName, this.options.templateText, params)).length;
      if (length > MAX_MESSAGE_CHARS)
        return { row: raw.row, phone, reason: `message too long (${length} characters, at most ${MAX_MESSAGE_CHARS})` };
    }
    return { row: raw.row, phone, params };
  }
}

export function isValidRow(row: ValidRow | InvalidRow): row is ValidRow {
  return 'params' in row;
}
