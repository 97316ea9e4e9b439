/** `yyyy-MM-ddTHH:mm:ssZ` in UTC, no milliseconds: the only form Aliyun accepts. */
export function formatTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Parses Aliyun's timestamp form; `undefined` when it is not exactly that form. */
export function parseTimestamp(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A fresh UUID v4 from the CSPRNG: one per request, never reused. */
export function newNonce(): string {
  // globalThis.crypto: Node 20+, Deno, Bun, workerd and edge runtimes all have it.
  return globalThis.crypto.randomUUID();
}
