import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../wire/read-body.js';
import { JSON_CONTENT_TYPE } from '../wire/respond.js';

/** Writes a JSON answer of the inspection API. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function notFound(res: ServerResponse, what: string): void {
  json(res, 404, { error: `${what} not found` });
}

/** A request the caller can fix: answered 400 with this message. */
export class BadInput extends Error {
  override readonly name = 'BadInput';
}

/** The JSON body of a state-changing call; `example` shows the caller what a valid one looks like. */
export async function readJson(req: IncomingMessage, example: string): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse((await readBody(req)).toString('utf8') || '{}');
  } catch {
    throw new BadInput(`the body must be JSON: ${example}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadInput(`the body must be a JSON object: ${example}`);
  return value as Record<string, unknown>;
}
