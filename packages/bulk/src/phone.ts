/** Phone checks for bulk input: cheap enough for millions of rows, strict enough to keep junk unsent. */

const MAINLAND = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{7,14})$/;

/** The number as it will be sent (separators removed), or `undefined` when it is not a phone number. */
export function normalizeBulkPhone(raw: string): string | undefined {
  const compact = raw.replace(/[\s\-()]/g, '');
  const mainland = MAINLAND.exec(compact);
  if (mainland) return mainland[1];
  const intl = INTERNATIONAL.exec(compact);
  // Aliyun takes international numbers as country code + number, without `+` or `00`.
  if (intl) return intl[1];
  return undefined;
}

/** Whether a normalised number is a mainland China number (different length rules apply). */
export function isMainland(phone: string): boolean {
  return phone.length === 11 && phone.startsWith('1');
}
