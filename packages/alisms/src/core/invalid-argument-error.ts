import { AlismsError } from './errors.js';

/** Thrown before any I/O when the caller's input cannot be sent as it is. */
export class InvalidArgumentError extends AlismsError {
  override name = 'InvalidArgumentError';
  /** The option or parameter at fault, e.g. `phoneNumbers`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`, { code: 'ALISMS_INVALID_ARGUMENT' });
    this.field = field;
  }
}

/** True for an {@link InvalidArgumentError}, also one from another copy of alisms (matched on `name`). */
export function isInvalidArgumentError(value: unknown): value is InvalidArgumentError {
  return value instanceof InvalidArgumentError || (value instanceof Error && value.name === 'InvalidArgumentError');
}
