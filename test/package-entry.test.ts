// The package as a consumer sees it, after `npm run build`: `alisms` is one bundled file per format that
// loads only itself and Node built-ins; it imports and requires by name from another directory; and an
// error made by the bundle is recognised by the subpath entries' copy of the guards, and the reverse.
// One file on purpose: the test runner runs files side by side, and two files could rebuild dist at once.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const esmBundle = join(repoRoot, 'dist', 'sdk', 'index.js');
const cjsBundle = join(repoRoot, 'dist', 'sdk', 'index.cjs');
/** The SDK as compiled by tsc: the copy `alisms/otp`, `/server`, `/bulk`... run. */
const treeUrl = pathToFileURL(join(repoRoot, 'dist', 'esm', 'src', 'index.js')).href;
let consumer: string;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.test.ts') ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** Runs `npm run build` when an output is missing or older than the sources, build script or package.json. */
function buildIfStale(): void {
  const inputs = ['src', 'bin', 'scripts/build.mjs', 'package.json'].map((p) => newestMtime(join(repoRoot, p)));
  const outputs = [esmBundle, cjsBundle, join(repoRoot, 'dist', 'sdk', 'index.d.cts'), fileURLToPath(treeUrl)];
  if (outputs.every((o) => existsSync(o) && statSync(o).mtimeMs >= Math.max(...inputs))) return;
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'pipe' });
}

/** Runs `node [...args] <file>` in the consumer directory and parses the JSON it prints last. */
async function runInConsumer<T>(file: string, source: string, args: string[] = []): Promise<T> {
  writeFileSync(join(consumer, file), source);
  const { stdout } = await execFileAsync(process.execPath, [...args, file, treeUrl], {
    cwd: consumer,
    timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
}

before(() => {
  buildIfStale();
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
  it('imports by name as ESM, loading only the ESM bundle and node: built-ins', async () => {
    // A resolve hook (on the loader thread) logs every module the import resolves.
    writeFileSync(
      join(consumer, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(new URL('./resolved.log', import.meta.url), result.url + '\\n');
  return result;
}`,
    );
    writeFileSync(
      join(consumer, 'register.mjs'),
      `import { register } from 'node:module'; register('./hooks.mjs', import.meta.url);`,
    );
    const result = await runInConsumer<Record<string, string>>(
      'esm.mjs',
      `import * as alisms from 'alisms';
const sms = new alisms.AliyunSMS({ accessKeyId: 'testId', accessKeySecret: 'testSecret', endpoint: 'http://127.0.0.1:9' });
const out = Object.fromEntries(${JSON.stringify(PUBLIC_NAMES)}.map((n) => [n, typeof alisms[n]]));
out.signature = sms.generateSignature({ Action: 'SendSms' });
sms.close();
console.log(JSON.stringify(out));`,
      ['--import', './register.mjs'],
    );
    for (const name of PUBLIC_NAMES) assert.equal(result[name], 'function', `${name} is exported`);
    assert.match(result.signature ?? '', /^[A-Za-z0-9+/]{27}=$/);
    const resolved = readFileSync(join(consumer, 'resolved.log'), 'utf8').trim().split('\n');
    const own = pathToFileURL(consumer).href;
    const loaded = [...new Set(resolved.filter((url) => !url.startsWith('node:') && !url.startsWith(own)))];
    assert.deepEqual(loaded, [pathToFileURL(esmBundle).href]);
    assert.ok(resolved.includes('node:crypto'), 'the hook saw the built-ins too');
  });

  it('requires by name as CommonJS, loading only the CommonJS bundle', async () => {
    const result = await runInConsumer<{ types: Record<string, string>; loaded: string[] }>(
      'cjs.cjs',
      `const alisms = require('alisms');
const types = Object.fromEntries(${JSON.stringify(PUBLIC_NAMES)}.map((n) => [n, typeof alisms[n]]));
console.log(JSON.stringify({ types, loaded: Object.keys(require.cache) }));`,
    );
    for (const name of PUBLIC_NAMES) assert.equal(result.types[name], 'function', `${name} is exported`);
    assert.deepEqual(
      result.loaded.filter((file) => !file.startsWith(consumer)),
      [cjsBundle],
    );
  });

  it('works from node -e, with require() and import(), in another directory', async () => {
    const run = async (args: string[]): Promise<string> =>
      (await execFileAsync(process.execPath, args, { cwd: consumer, timeout: 30_000 })).stdout.trim();
    assert.equal(await run(['-e', `console.log(typeof require('alisms').SmsClient)`]), 'function');
    assert.equal(await run(['-e', `import('alisms').then((m) => console.log(typeof m.SmsClient))`]), 'function');
    assert.equal(
      await run(['--input-type=module', '-e', `const m = await import('alisms'); console.log(typeof m.MailClient)`]),
      'function',
    );
  });

  it('bundles import nothing but node: built-ins', () => {
    for (const file of [esmBundle, cjsBundle]) {
      const source = readFileSync(file, 'utf8');
      // esbuild writes each import statement on one line of its own; require() and import() anywhere.
      const patterns = [
        /^(?:import|export)\b[^\n]*?\bfrom\s*"([^"]+)";$/gm,
        /^import\s*"([^"]+)";$/gm,
        /\b(?:require|import)\(\s*"([^"]+)"\s*\)/g,
      ];
      const specifiers = patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]));
      assert.ok(specifiers.length > 3, `${file}: the imports were found`);
      assert.deepEqual(
        specifiers.filter((s) => !s?.startsWith('node:')),
        [],
        file,
      );
    }
  });

  it('keeps class names, and maps stack frames to the TypeScript sources', async () => {
    const result = await runInConsumer<{ names: string[]; stack: string }>(
      'stack.cjs',
      `const alisms = require('alisms');
let stack = '';
try { alisms.toMs('soon'); } catch (error) { stack = error.stack; }
console.log(JSON.stringify({ names: [alisms.SmsClient.name, alisms.InvalidArgumentError.name, alisms.toMs.name], stack }));`,
      ['--enable-source-maps'],
    );
    assert.deepEqual(result.names, ['SmsClient', 'InvalidArgumentError', 'toMs']);
    assert.match(result.stack, /^InvalidArgumentError: /);
    assert.match(result.stack, /src\/core\/duration\.ts:\d+/);
  });

  it('names only files that the build wrote in main, module, types and exports', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    const paths: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') paths.push(value);
      else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v);
    };
    collect([pkg.main, pkg.module, pkg.types, pkg.exports]);
    assert.ok(paths.includes('./dist/sdk/index.cjs') && paths.includes('./dist/sdk/index.js'));
    for (const path of paths) assert.ok(existsSync(join(repoRoot, path)), `${path} exists`);
  });
});

interface GuardCell {
  maker: 'bundle' | 'tree' | 'cjs bundle';
  error: string;
  guard: string;
  same: boolean;
  cross: boolean;
  instanceOfOther: boolean;
}

describe('errors across entries (the bundle and the subpaths hold separate copies of the classes)', () => {
  it('every is* guard answers for an error of the other copy as for one of its own', async () => {
    const result = await runInConsumer<{ classes: string[]; made: string[]; guards: string[]; cells: GuardCell[] }>(
      'guards.mjs',
      `import { createRequire } from 'node:module';
import * as bundle from 'alisms';
const tree = await import(process.argv[2]);
const make = {
  AlismsError: (m) => new m.AlismsError('m', { code: 'X' }),
  InvalidArgumentError: (m) => new m.InvalidArgumentError('field', 'bad'),
  CredentialsNotFoundError: (m) => new m.CredentialsNotFoundError([]),
  CredentialsSourceError: (m) => new m.CredentialsSourceError('env', 'bad'),
  CredentialsProviderSkip: (m) => new m.CredentialsProviderSkip('env', 'unset'),
  AliyunApiError: (m) => new m.AliyunApiError('m', 'm', { code: 'isv.X' }),
  ThrottlingError: (m) => new m.ThrottlingError('m', 'm', { code: 'Throttling.User' }),
  TransportError: (m) => new m.TransportError('m', { code: 'ECONNREFUSED', requestSent: false }),
  TimeoutError: (m) => new m.TimeoutError('read', 50),
  SendOutcomeUnknownError: (m) => new m.SendOutcomeUnknownError('SendSms', 'o-1', undefined),
  InvalidResponseError: (m) => new m.InvalidResponseError(502, '<html>', true),
};
const classes = Object.keys(bundle).filter((k) => typeof bundle[k] === 'function' && (bundle[k] === bundle.AlismsError || bundle[k].prototype instanceof bundle.AlismsError));
const guards = Object.keys(bundle).filter((k) => /^is[A-Z]\\w*(Error|Skip)$/.test(k));
const cells = [];
// The CommonJS bundle is a third copy, met when one process both requires and imports alisms.
const cjs = createRequire(import.meta.url)('alisms');
const pairs = [['bundle', bundle, tree], ['tree', tree, bundle], ['cjs bundle', cjs, bundle], ['bundle', bundle, cjs]];
for (const [maker, a, b] of pairs)
  for (const [error, build] of Object.entries(make))
    for (const guard of guards)
      cells.push({ maker, error, guard, same: b[guard](build(b)), cross: b[guard](build(a)), instanceOfOther: build(a) instanceof b[error] });
console.log(JSON.stringify({ classes, made: Object.keys(make), guards, cells }));`,
    );
    assert.deepEqual([...result.classes].sort(), [...result.made].sort(), 'every exported error class is covered');
    assert.ok(result.guards.length >= 11, `guards found: ${result.guards.join(', ')}`);
    for (const cell of result.cells) {
      const where = `${cell.guard}(${cell.error} made by the ${cell.maker}, seen by another copy)`;
      assert.equal(cell.instanceOfOther, false, `${where}: the copies are really separate`);
      assert.equal(cell.cross, cell.same, where);
      if (cell.guard === 'isAlismsError' || cell.guard === `is${cell.error}`) assert.equal(cell.cross, true, where);
    }
  });

  it('errors thrown by SDK calls are understood by the subpaths, and theirs by the SDK guards', async () => {
    type Seen = { name: string; alisms: boolean; own: boolean; classified?: string };
    const seen = await runInConsumer<Record<string, Seen>>(
      'thrown.mjs',
      `import { createServer } from 'node:http';
import * as bundle from 'alisms';
import { classifySendError } from 'alisms/bulk';
import { slidingWindow } from 'alisms/otp';
import { parseServeConfig } from 'alisms/server';
const tree = await import(process.argv[2]);
const caught = async (fn) => { try { await fn(); } catch (error) { return error; } throw new Error('did not throw'); };
// A stand-in Aliyun on loopback: every call gets the answer set in \`code\`.
let code = 'isv.BUSINESS_LIMIT_CONTROL';
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.setHeader('content-type', 'application/json').end(JSON.stringify({ RequestId: 'R-1', Code: code, Message: 'no' })));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const client = new bundle.SmsClient({ accessKeyId: 'testId', accessKeySecret: 'testSecret', endpoint: 'http://127.0.0.1:' + server.address().port, retries: 0 });
const send = () => client.sendSms({ phoneNumbers: '13800138000', signName: 'Acme', templateCode: 'SMS_1' });
const fromBundle = { business: await caught(send) };
code = 'Throttling.User';
fromBundle.throttled = await caught(send);
await new Promise((r) => { server.close(r); server.closeAllConnections(); });
fromBundle.refused = await caught(() => client.querySendDetails({ phoneNumber: '13800138000', sendDate: new Date() }));
fromBundle.invalid = await caught(() => bundle.toMs('soon'));
const fromSubpaths = { config: await caught(() => parseServeConfig({ nonsense: 1 })), policy: await caught(() => slidingWindow(5, 'soon')) };
const out = {};
const guardFor = { business: 'isAliyunApiError', throttled: 'isThrottlingError', refused: 'isTransportError', invalid: 'isInvalidArgumentError', config: 'isAlismsError', policy: 'isInvalidArgumentError' };
for (const [k, e] of Object.entries(fromBundle)) out[k] = { name: e.name, alisms: tree.isAlismsError(e), own: tree[guardFor[k]](e), classified: classifySendError(e).kind };
for (const [k, e] of Object.entries(fromSubpaths)) out[k] = { name: e.name, alisms: bundle.isAlismsError(e), own: bundle[guardFor[k]](e) };
console.log(JSON.stringify(out));`,
    );
    const expected: Record<string, [string, string | undefined]> = {
      business: ['AliyunApiError', 'rejected'],
      throttled: ['ThrottlingError', 'throttled'],
      refused: ['TransportError', 'not-sent'],
      invalid: ['InvalidArgumentError', 'fatal'],
      config: ['ConfigError', undefined],
      policy: ['InvalidArgumentError', undefined],
    };
    for (const [key, [name, classified]] of Object.entries(expected)) {
      const got = seen[key];
      assert.ok(got, key);
      assert.equal(got.name, name, key);
      assert.equal(got.alisms, true, `${key}: isAlismsError of the other copy`);
      assert.equal(got.own, true, `${key}: its own guard, of the other copy`);
      assert.equal(got.classified, classified, `${key}: bulk's classification`);
    }
  });
});
