import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Aliyun facts copied into the repository as fixtures (test/fixtures/aliyun/README.md says where from). */
export function specDir(): string {
  const dir = join(repoRoot, 'test', 'fixtures', 'aliyun');
  if (!existsSync(dir)) throw new Error(`fixture folder not found at ${dir}`);
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

/** The signing vectors fixture, loaded for every test that needs them. */
export function signatureVectors(): SignatureVectors {
  return readSpecJson<SignatureVectors>('signature-vectors.json');
}

export { repoRoot };
