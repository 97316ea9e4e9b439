// The package as a consumer sees it: after `npm run build`, `import 'alisms'` and `require('alisms')`
// resolve by name from another directory, and the SDK entry pulls in no third-party module.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ensureBuilt, repoRoot } from '../bench/lib/ensure-built.js';

const execFileAsync = promisify(execFile);
let consumer: string;

/** Runs `node <file>` from the consumer directory and parses the JSON it prints. */
async function runInConsumer<T>(file: string, source: string): Promise<T> {
  writeFileSync(join(consumer, file), source);
  const { stdout } = await execFileAsync(process.execPath, [file], { cwd: consumer, timeout: 30_000 });
  return JSON.parse(stdout) as T;
}

before(() => {
  ensureBuilt();
  // A project elsewhere on disk whose node_modules/alisms is this repository, as after `npm install alisms`.
  consumer = mkdtempSync(join(tmpdir(), 'alisms-consumer-'));
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(repoRoot, join(consumer, 'node_modules', 'alisms'), 'dir');
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
});
after(() => rmSync(consumer, { recursive: true, force: true }));

const PUBLIC_NAMES = [
  'SmsClient',
  'IntlSmsClient',
  'MailClient',
  'AliyunSMS',
  'AliyunApiError',
  'signRpcV1',
  'defaultCredentialChain',
];

describe('the alisms package entry', () => {
  it('imports by name as ESM, and the clients and facade work', async () => {
    const result = await runInConsumer<Record<string, string>>(
      'esm.mjs',
      `import * as alisms from 'alisms';
const sms = new alisms.AliyunSMS({ accessKeyId: 'testId', accessKeySecret: 'testSecret', endpoint: 'http://127.0.0.1:9' });
const out = Object.fromEntries(${JSON.stringify(PUBLIC_NAMES)}.map((n) => [n, typeof alisms[n]]));
out.signature = sms.generateSignature({ Action: 'SendSms' });
sms.close();
console.log(JSON.stringify(out));`,
    );
    for (const name of PUBLIC_NAMES) assert.equal(result[name], 'function', `${name} is exported`);
    assert.match(result.signature ?? '', /^[A-Za-z0-9+/]{27}=$/);
  });

  it('requires by name as CommonJS and loads only its own files and Node built-ins', async () => {
    const result = await runInConsumer<{ types: Record<string, string>; loaded: string[] }>(
      'cjs.cjs',
      `const alisms = require('alisms');
const types = Object.fromEntries(${JSON.stringify(PUBLIC_NAMES)}.map((n) => [n, typeof alisms[n]]));
console.log(JSON.stringify({ types, loaded: Object.keys(require.cache) }));`,
    );
    for (const name of PUBLIC_NAMES) assert.equal(result.types[name], 'function', `${name} is exported`);
    const ownCjs = join(repoRoot, 'dist', 'cjs');
    const foreign = result.loaded.filter((file) => !file.startsWith(ownCjs) && !file.startsWith(consumer));
    assert.deepEqual(foreign, [], 'require("alisms") loaded files outside dist/cjs');
    assert.ok(result.loaded.length > 10, 'the CommonJS build was really loaded');
  });

  it('has an ESM import graph of relative files and node: built-ins only', () => {
    const entry = join(repoRoot, 'dist', 'esm', 'src', 'index.js');
    const seen = new Set<string>();
    const foreign: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      const specifiers = [
        ...source.matchAll(
          /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g,
        ),
      ];
      for (const match of specifiers) {
        const specifier = (match[1] ?? match[2] ?? match[3]) as string;
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
        else if (!specifier.startsWith('node:'))
          foreign.push(`${file.slice(repoRoot.length + 1)} imports ${specifier}`);
      }
    };
    visit(entry);
    assert.ok(seen.size > 10, 'the graph was walked');
    assert.deepEqual(foreign, []);
  });
});
