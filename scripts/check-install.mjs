#!/usr/bin/env node
// The packages installed as a user installs them, after `npm run build`: every workspace is packed,
// served by a local registry (scripts/lib/local-registry.mjs), and installed into empty projects.
//  - alisms: exactly one package, under 400 KB unpacked (printed), `import` and `require` both work,
//    and TypeScript with `skipLibCheck: false` compiles a consumer under node16 and bundler resolution;
//  - each @alisms/*: installs (pulling the alisms tarballs it depends on), and the first ```js block of
//    its README runs; `npm i -g @alisms/cli --prefix <dir>` gives a working `alisms --help`;
//  - every tarball: no source map, and no sourceMappingURL pointing at a file the tarball lacks.
//
//   node scripts/check-install.mjs             all of it (CI)
//   node scripts/check-install.mjs alisms otp  only these packages (folder names)
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalRegistry } from './lib/local-registry.mjs';

const root = resolve(import.meta.dirname, '..');
const SDK_BUDGET = 400_000;
const FOLDERS = ['alisms', 'emulator', 'otp', 'bulk', 'server', 'cli'];
const only = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'alisms-install-'));
const failures = [];
const ok = (what) => console.log(`ok - ${what}`);
const fail = (what, detail = '') => {
  failures.push(what);
  console.log(`not ok - ${what}${detail ? `\n  ${String(detail).trim().split('\n').join('\n  ')}` : ''}`);
};

const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const packs = JSON.parse(
  execFileSync('npm', ['pack', '--workspaces', '--json', '--pack-destination', tarballs], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }),
);
const manifests = new Map();
const folderOf = new Map();
for (const folder of FOLDERS) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8'));
  manifests.set(manifest.name, manifest);
  folderOf.set(manifest.name, folder);
}
for (const pack of packs) checkSourceMaps(pack);

const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
const registry = await startLocalRegistry({ packs, dir: tarballs, manifests, upstream });
try {
  for (const folder of FOLDERS.filter((f) => only.length === 0 || only.includes(f))) {
    if (folder === 'alisms') await checkSdk();
    else await checkPackage(folder);
  }
} finally {
  await registry.close();
}
if (!process.env.KEEP_INSTALL_DIR) rmSync(work, { recursive: true, force: true });
if (failures.length) {
  console.error(`\n${failures.length} install check(s) failed`);
  process.exit(1);
}
console.log('\nall install checks pass');

/** A map that points at sources the tarball does not ship sends debuggers and stack traces nowhere. */
function checkSourceMaps(pack) {
  const shipped = new Set(pack.files.map((f) => f.path));
  const folder = folderOf.get(pack.name);
  const broken = [];
  for (const path of shipped) {
    if (path.endsWith('.map')) broken.push(`${path} (a source map)`);
    if (!/\.(c|m)?js$/.test(path)) continue;
    const text = readFileSync(join(root, 'packages', folder, path), 'utf8');
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
    if (url && !url.startsWith('data:')) broken.push(`${path} -> ${url}`);
  }
  if (broken.length) fail(`${pack.name}: no source maps in the tarball`, broken.join('\n'));
  else ok(`${pack.name}: no source maps in the tarball (${pack.entryCount} files)`);
}

/** npm against the local registry; asynchronous, since the registry answers from this very process. */
function npm(args, cwd) {
  const argv = [
    ...args,
    '--registry',
    registry.url,
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--loglevel',
    'error',
  ];
  return new Promise((resolve) => {
    execFile('npm', argv, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ status: error ? (error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function emptyProject(name) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `try-${name}`, private: true, type: 'module' }));
  return dir;
}

async function install(dir, spec) {
  const result = await npm(['install', spec], dir);
  if (result.status !== 0) {
    fail(`${spec}: npm install`, result.stderr || result.stdout);
    return false;
  }
  // Every alisms package must be a tarball of this build (same integrity), never one from a registry.
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules', '.package-lock.json'), 'utf8'));
  const foreign = Object.entries(lock.packages)
    .filter(([path]) => /node_modules\/(alisms|@alisms\/[^/]+)$/.test(path))
    .filter(
      ([path, entry]) => packs.find((p) => path.endsWith(`node_modules/${p.name}`))?.integrity !== entry.integrity,
    )
    .map(([path, entry]) => `${path} (${entry.version}, ${entry.integrity})`);
  if (foreign.length) fail(`${spec}: alisms packages from this build`, foreign.join('\n'));
  else ok(`${spec}: npm install (${Object.keys(lock.packages).length} packages)`);
  return foreign.length === 0;
}

function node(args, cwd, env = {}) {
  return spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH, HOME: cwd, ...env },
  });
}

function expectRun(what, result) {
  if (result.status === 0) ok(what);
  else fail(what, `exit ${result.status ?? result.signal}\n${result.stdout}${result.stderr}`);
}

async function checkSdk() {
  const dir = emptyProject('sdk');
  if (!(await install(dir, 'alisms@0.1.0'))) return;
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules', '.package-lock.json'), 'utf8'));
  const installed = Object.keys(lock.packages).filter((p) => p !== '');
  if (installed.length === 1 && installed[0] === 'node_modules/alisms') ok('alisms: installs exactly 1 package');
  else fail('alisms: installs exactly 1 package', installed.join('\n'));
  const size = du(join(dir, 'node_modules', 'alisms'));
  const line = `alisms: unpacked size ${(size / 1000).toFixed(1)} KB (${size} bytes, budget ${SDK_BUDGET / 1000} KB)`;
  if (size < SDK_BUDGET) ok(line);
  else fail(line);

  const probe = `if (typeof m.SmsClient !== 'function' || typeof m.isAliyunApiError !== 'function') throw new Error('exports missing');
    if (!new m.InvalidArgumentError('x').message) throw new Error('no message');`;
  writeFileSync(join(dir, 'esm.mjs'), `import * as m from 'alisms';\n${probe}\n`);
  writeFileSync(join(dir, 'cjs.cjs'), `const m = require('alisms');\n${probe}\n`);
  expectRun('alisms: import works', node(['esm.mjs'], dir));
  expectRun('alisms: require works', node(['cjs.cjs'], dir));

  // A consumer written against the documented surface, compiled with every declaration checked.
  const consumer = `
import { AliyunSMS, SmsClient, isAliyunApiError, ManualClock, signRpcV1, type SendSmsResult, type ClientOptions } from 'alisms';
const options: ClientOptions = { endpoint: 'http://127.0.0.1:9', accessKeyId: 'id', accessKeySecret: 'secret' };
const sms = new SmsClient(options);
export async function send(): Promise<string> {
  try {
    const result: SendSmsResult = await sms.sendSms({ phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1' });
    return result.bizId;
  } catch (error) {
    if (isAliyunApiError(error)) return error.code;
    throw error;
  }
}
export const clock = new ManualClock(0);
export const signature: string = signRpcV1({ method: 'GET', params: { Action: 'SendSms' }, accessKeySecret: 'secret' });
export const facade = AliyunSMS;
`;
  writeFileSync(join(dir, 'consumer.mts'), consumer);
  writeFileSync(
    join(dir, 'consumer.cts'),
    `import alisms = require('alisms');\nexport const sms: alisms.SmsClient = new alisms.SmsClient({ accessKeyId: 'id', accessKeySecret: 'secret' });\n`,
  );
  const base = {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2023'],
    typeRoots: [join(root, 'node_modules', '@types')],
    types: ['node'],
  };
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [mode, compilerOptions, files] of [
    ['node16', { module: 'node16', moduleResolution: 'node16' }, ['consumer.mts', 'consumer.cts']],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, ['consumer.mts']],
  ]) {
    writeFileSync(
      join(dir, `tsconfig.${mode}.json`),
      JSON.stringify({ compilerOptions: { ...base, ...compilerOptions, allowImportingTsExtensions: false }, files }),
    );
    expectRun(
      `alisms: TypeScript (skipLibCheck false, ${mode} resolution) compiles a consumer`,
      node([tsc, '-p', `tsconfig.${mode}.json`], dir),
    );
  }
}

async function checkPackage(folder) {
  const name = `@alisms/${folder}`;
  const dir = emptyProject(folder);
  if (folder === 'cli') return checkGlobalCli(dir);
  if (!(await install(dir, `${name}@0.1.0`))) return;
  const readme = readFileSync(join(dir, 'node_modules', '@alisms', folder, 'README.md'), 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!example) return fail(`${name}: its README has a \`\`\`js example`);
  writeFileSync(join(dir, 'example.mjs'), example);
  expectRun(`${name}: the README example runs`, node(['example.mjs'], dir));
  // The server pulls in every other library package: one copy of each class, installed.
  if (folder === 'server') {
    writeFileSync(join(dir, 'one-copy.mjs'), oneCopyProbe());
    expectRun(
      'installed packages hold one copy of each class (instanceof across packages)',
      node(['one-copy.mjs'], dir),
    );
  }
}

/** The assertions of packages/server/test/one-class-copy.test.ts, on installed packages. */
function oneCopyProbe() {
  return `
import { AlismsError, AliyunApiError, InvalidArgumentError, SmsClient } from 'alisms';
import { JournalMismatchError } from '@alisms/bulk';
import { DEFAULT_ACCESS_KEY, DEFAULT_SIGN, startEmulator } from '@alisms/emulator';
import { createMemoryOtpStore, createOtp, StoreUnavailableError } from '@alisms/otp';
import { ConfigError } from '@alisms/server';

const running = await startEmulator({ port: 0 });
const sms = new SmsClient({ endpoint: running.url, accessKeyId: DEFAULT_ACCESS_KEY.id, accessKeySecret: DEFAULT_ACCESS_KEY.secret, retries: 0 });
const sendSms = (to, code) => sms.sendSms({ phoneNumbers: to, signName: DEFAULT_SIGN.name, templateCode: 'SMS_000000000', templateParam: { code } });
const otp = createOtp({ secret: 'one-copy-probe-secret-of-32-characters', store: createMemoryOtpStore(), sender: { sendSms, sendEmail: sendSms } });
const sent = await otp.send({ to: '13800138000', channel: 'sms', purpose: 'login', ip: '203.0.113.7' });
let badRequest;
await otp.send({ to: '13800138000', channel: 'sms', purpose: 'login', ip: 'not an ip' }).catch((e) => { badRequest = e; });
await running.close();
const checks = {
  'SDK error inside @alisms/otp instanceof AliyunApiError': sent.error instanceof AliyunApiError,
  '@alisms/otp argument error instanceof InvalidArgumentError': badRequest instanceof InvalidArgumentError,
  'StoreUnavailableError instanceof AlismsError': new StoreUnavailableError('x') instanceof AlismsError,
  'JournalMismatchError instanceof AlismsError': new JournalMismatchError('j', 'input') instanceof AlismsError,
  'ConfigError instanceof AlismsError': new ConfigError('c', ['p']) instanceof AlismsError,
};
const failed = Object.entries(checks).filter(([, ok]) => !ok).map(([what]) => what);
if (failed.length) throw new Error('not one copy: ' + failed.join('; ') + ' (send result: ' + JSON.stringify(sent) + ')');
`;
}

async function checkGlobalCli(dir) {
  const prefix = join(dir, 'global');
  const result = await npm(['install', '--global', '--prefix', prefix, '@alisms/cli@0.1.0'], dir);
  if (result.status !== 0) return fail('@alisms/cli: npm i -g', result.stderr || result.stdout);
  ok('@alisms/cli: npm i -g --prefix');
  const bin = join(prefix, process.platform === 'win32' ? 'alisms.cmd' : join('bin', 'alisms'));
  const help = spawnSync(bin, ['--help'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir } });
  if (help.status === 0 && /Usage: alisms/.test(help.stdout))
    ok('@alisms/cli: `alisms --help` from the global install');
  else
    fail('@alisms/cli: `alisms --help` from the global install', `exit ${help.status}\n${help.stdout}${help.stderr}`);
}

function du(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + du(join(path, entry)), 0);
}
