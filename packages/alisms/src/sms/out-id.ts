/**
 * A fresh OutId for a send the caller gave none: with it, a send whose outcome is unknown can be
 * reconciled through QuerySendDetails or the delivery receipts.
 */
export function newOutId(): string {
  return globalThis.crypto.randomUUID();
}
