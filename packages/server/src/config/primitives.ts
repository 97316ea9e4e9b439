import { z } from 'zod';

/** A number of ms or a spelled-out duration. */
export const duration = z
  .union([z.number().nonnegative(), z.string().regex(/^\s*\d+(\.\d+)?\s*(ms|s|min|m|h|d)\s*$/)])
  .describe('a number of ms or e.g. "60 s", "5 min", "1 h", "1 d"');

/** `HOST:PORT`, IPv6 in brackets. */
export const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):\d{1,5}$/, 'expected HOST:PORT, e.g. 10.0.0.5:6379 or [::1]:6379');

/** `limit` hits per `window`. */
export const rate = z.strictObject({ limit: z.number().int().min(1), window: duration });

/** An API key (`Authorization: Bearer`). */
export const apiKey = z.string().min(16, 'API keys need at least 16 characters');

/** Test numbers with fixed codes: E.164 number → 4 to 10 digits. */
export const testNumbers = z.record(
  z.string().regex(/^\+\d{6,15}$/, 'a test number in E.164, e.g. +8613800000000'),
  z.string().regex(/^\d{4,10}$/, 'a fixed code of 4 to 10 digits'),
);
