import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared spec folder: `$ALISMS_SPEC_DIR`, else `../shared/spec` beside the checkout. */
export function specDir(): string {
  const dir = process.env.ALISMS_SPEC_DIR ?? join(repoRoot, '..', 'shared', 'spec');
  if (!existsSync(dir)) throw new Error(`spec folder not found at ${dir}: set ALISMS_SPEC_DIR`);
  return dir;
}

export function readSpecJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(specDir(), name), 'utf8')) as T;
}

export function readSpecLines<T>(name: string): T[] {
  return readFileSync(join(specDir(), name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** An RPC v1 vector of `signature-vectors.json`. */
export interface RpcVector {
  name: string;
  method: string;
  accessKeySecret: string;
  params: Record<string, string>;
  stringToSign?: string;
  signature: string;
}

/** A V3 vector of `signature-vectors.json`. */
export interface V3Vector {
  name: string;
  method: string;
  accessKeyId: string;
  accessKeySecret: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  canonicalRequest?: string;
  hashedCanonicalRequest: string;
  signature: string;
}

export interface SignatureVectors {
  rpc_v1: RpcVector[];
  v3: V3Vector[];
  percent_encode: Record<string, string>;
}

/** The spec's signing vectors, loaded (never copied) for every test that needs them. */
export function signatureVectors(): SignatureVectors {
  return readSpecJson<SignatureVectors>('signature-vectors.json');
}

export { repoRoot };
