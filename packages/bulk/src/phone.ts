/**
 * Phone checks for bulk input. The rules are the SDK's (`parsePhoneNumber` in `alisms`), so bulk accepts
 * exactly the numbers `SmsClient` accepts; these wrappers only fix the form bulk stores and sends.
 */
import { compactPhone, parsePhoneNumber } from 'alisms';

/**
 * The number as it will be sent — separators and prefixes removed: 11 digits for mainland China,
 * country code + number otherwise — or `undefined` when it is not a phone number.
 */
export function normalizeBulkPhone(raw: string): string | undefined {
  return parsePhoneNumber(compactPhone(raw))?.national;
}

/** Whether a normalised number is a mainland China number (different length rules apply). */
export function isMainland(phone: string): boolean {
  return parsePhoneNumber(phone)?.mainland === true;
}
