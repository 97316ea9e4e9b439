// The package as a consumer sees it, after `npm run build`: `alisms` is one bundled file per format that
// loads only itself and Node built-ins, and it imports and requires by name from another directory.
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
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const pkgDir = join(repoRoot, 'packages', 'alisms');
const esmBundle = join(pkgDir, 'dist', 'index.js');
const bundlerEntry = join(pkgDir, 'dist', 'index.bundler.js');
const cjsBundle = join(pkgDir, 'dist', 'index.cjs');
let consumer: string;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.test.ts') ? 0 : stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** Runs `npm run build` when an output is missing or older than the sources, build script or package.json. */
function buildIfStale(): void {
  const inputs = [join(pkgDir, 'src'), join(pkgDir, 'package.json'), join(repoRoot, 'scripts', 'build.mjs')].map(
    newestMtime,
  );
  const outputs = [esmBundle, bundlerEntry, cjsBundle, join(pkgDir, 'dist', 'index.d.cts')];
  if (outputs.every((o) => existsSync(o) && statSync(o).mtimeMs >= Math.max(...inputs))) return;
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), 'alisms'], { cwd: repoRoot, stdio: 'pipe' });
}

/** Runs `node [...args] <file>` in the consumer directory and parses the JSON it prints last. */
async function runInConsumer<T>(file: string, source: string, args: string[] = []): Promise<T> {
  writeFileSync(join(consumer, file), source);
  const { stdout } = await execFileAsync(process.execPath, [...args, file], {
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
  symlinkSync(pkgDir, join(consumer, 'node_modules', 'alisms'), 'dir');
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
  it('imports by name as ESM, loading only the ESM facade, the bundle it requires and node: built-ins', async () => {
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
    const result = await runInConsumer<Record<string, string> & { required: string[]; same: boolean }>(
      'esm.mjs',
      `import * as alisms from 'alisms';
import { createRequire } from 'node:module';
const sms = new alisms.AliyunSMS({ accessKeyId: 'testId', accessKeySecret: 'testSecret', endpoint: 'http://127.0.0.1:9' });
const out = Object.fromEntries(${JSON.stringify(PUBLIC_NAMES)}.map((n) => [n, typeof alisms[n]]));
out.signature = sms.generateSignature({ Action: 'SendSms' });
out.required = Object.keys(createRequire(import.meta.url).cache);
out.same = alisms.SmsClient === createRequire(import.meta.url)('alisms').SmsClient;
sms.close();
console.log(JSON.stringify(out));`,
      ['--import', './register.mjs'],
    );
    for (const name of PUBLIC_NAMES) assert.equal(result[name], 'function', `${name} is exported`);
    assert.match(result.signature ?? '', /^[A-Za-z0-9+/]{27}=$/);
    const resolved = readFileSync(join(consumer, 'resolved.log'), 'utf8').trim().split('\n');
    const own = pathToFileURL(consumer).href;
    const loaded = [...new Set(resolved.filter((url) => !url.startsWith('node:') && !url.startsWith(own)))];
    // The ES module entry is a by-name facade over the CommonJS bundle: one copy of the code and classes.
    // It requires the bundle rather than importing it, so Node's ES loader never scans the bundle for
    // its exports (that scan cost ~11 ms of every import).
    assert.deepEqual(loaded, [pathToFileURL(esmBundle).href]);
    assert.deepEqual(result.required, [cjsBundle]);
    assert.equal(result.same, true, 'import and require give the same classes');
  });

  it('loads no crypto or networking built-in at import; they load when a client first signs and sends', async () => {
    const result = await runInConsumer<{ atImport: string[]; afterSend: string[] }>(
      'lazy.mjs',
      `const watched = ['crypto', 'http', 'https', 'tls', 'fs/promises'];
const loaded = () => watched.filter((m) => process.moduleLoadList.includes('NativeModule ' + m));
const alisms = await import('alisms');
const atImport = loaded();
const sms = new alisms.SmsClient({ accessKeyId: 'testId', accessKeySecret: 'testSecret', endpoint: 'http://127.0.0.1:9', retries: 0 });
await sms.sendSms({ phoneNumbers: '13800138000', signName: 'Sign', templateCode: 'SMS_1' }).catch(() => {});
sms.close();
console.log(JSON.stringify({ atImport, afterSend: loaded() }));`,
    );
    assert.deepEqual(result.atImport, []);
    assert.deepEqual(result.afterSend, ['crypto', 'http']);
  });

  it('sends through node:http as a require hook sees it (how OpenTelemetry and APM agents observe requests)', async () => {
    // Like require-in-the-middle: node:http's request is wrapped when the module is first required.
    writeFileSync(
      join(consumer, 'hook.cjs'),
      `const Module = require('node:module');
const original = Module.prototype.require;
globalThis.seen = 0;
let patched = false;
Module.prototype.require = function (id) {
  const exports = original.apply(this, arguments);
  if (!patched && (id === 'http' || id === 'node:http')) {
    patched = true;
    const request = exports.request;
    exports.request = function (...args) { globalThis.seen++; return request.apply(this, args); };
  }
  return exports;
};`,
    );
    const result = await runInConsumer<{ seen: number; ok: boolean }>(
      'observed.mjs',
      `import { createServer } from 'node:http';
const server = createServer((q, r) => { q.resume(); q.on('end', () => r.end('{"Code":"OK","Message":"OK","RequestId":"R","BizId":"1^0"}')); });
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { SmsClient } = await import('alisms');
const sms = new SmsClient({ accessKeyId: 'testId', accessKeySecret: 'testSecret', endpoint: 'http://127.0.0.1:' + server.address().port });
const sent = await sms.sendSms({ phoneNumbers: '13800138000', signName: 'Sign', templateCode: 'SMS_1' });
sms.close();
server.close();
console.log(JSON.stringify({ seen: globalThis.seen, ok: sent.bizId === '1^0' }));`,
      ['--require', './hook.cjs'],
    );
    assert.deepEqual(result, { seen: 1, ok: true });
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
    assert.match(
      readFileSync(esmBundle, 'utf8'),
      /^const sdk = createRequire\(import\.meta\.url\)\('\.\/index\.cjs'\);$/m,
    );
    assert.match(readFileSync(bundlerEntry, 'utf8'), /^import sdk from '\.\/index\.cjs';$/m);
    for (const file of [cjsBundle]) {
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

  it('keeps class names', async () => {
    const result = await runInConsumer<{ names: string[]; stack: string }>(
      'stack.cjs',
      `const alisms = require('alisms');
let stack = '';
try { alisms.toMs('soon'); } catch (error) { stack = error.stack; }
console.log(JSON.stringify({ names: [alisms.SmsClient.name, alisms.InvalidArgumentError.name, alisms.toMs.name], stack }));`,
    );
    assert.deepEqual(result.names, ['SmsClient', 'InvalidArgumentError', 'toMs']);
    assert.match(result.stack, /^InvalidArgumentError: /);
  });

  it('names only files that the build wrote in main, module, types and exports', () => {
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    const paths: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') paths.push(value);
      else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v);
    };
    collect([pkg.main, pkg.module, pkg.types, pkg.exports]);
    assert.ok(paths.includes('./dist/index.cjs') && paths.includes('./dist/index.js'));
    assert.ok(paths.includes('./dist/index.bundler.js'), 'bundlers get an entry through the module condition');
    for (const path of paths) assert.ok(existsSync(join(pkgDir, path)), `${path} exists`);
  });
});
