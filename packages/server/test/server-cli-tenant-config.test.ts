import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliIo } from '../../../test/helpers/cli-io.js';
import { run } from '../../cli/src/run.js';

// `alisms serve --config` with templates, test numbers and services: the CLI loads the YAML and either
// starts (warning about test numbers) or stops with exit 2 naming the key to fix.
function io(cwd: string, env: NodeJS.ProcessEnv = {}) {
  return cliIo({ ALISMS_LOG_LEVEL: 'silent', ...env }, cwd);
}

const SECRET = 'cli-tenant-otp-secret-0123456789abcdefgh';

describe('alisms serve --config with templates, test numbers and services', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alisms-cli-tenants-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function serve(name: string, yaml: string[], args: string[] = []) {
    await writeFile(join(dir, name), yaml.join('\n'));
    const t = io(dir);
    const code = await run(['serve', '--config', name, '--port', '0', ...args], t.io);
    return { code, out: t.out(), err: t.err() };
  }

  it('refuses test numbers against the real Aliyun with exit 2, naming the setting that allows them', async () => {
    const r = await serve('prod.yaml', [
      'server: { apiKeys: [cli-prod-key-0123456789abc] }',
      'sms: { signName: Acme, templateCode: SMS_1 }',
      `otp: { secret: ${SECRET}, testNumbers: { "+8613800000000": "246810" } }`,
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, /otp\.testNumbers: .*allowTestNumbersInProduction/);
  });

  it('names a missing template with exit 2', async () => {
    const r = await serve('templates.yaml', [
      'server: { apiKeys: [cli-prod-key-0123456789abc] }',
      `otp: { secret: ${SECRET} }`,
      'templates: { sms: { login: { signName: Acme } } }',
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, /templates\.sms\.login: no templateCode/);
  });

  it('starts services with their templates and test numbers under --emulator, warning about the test numbers', async () => {
    const r = await serve(
      'tenants.yaml',
      [
        'server: { apiKeys: [cli-top-key-0123456789abc] }',
        `otp: { secret: ${SECRET} }`,
        'templates: { sms: { login: { templateCode: SMS_154950909 } } }',
        'services:',
        '  shop:',
        '    apiKeys: [cli-shop-key-0123456789ab]',
        '    testNumbers: { "+8613800000000": "246810" }',
        '    webhooks: [{ url: "http://127.0.0.1:9/h", secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw }]',
      ],
      ['--emulator', '--log-format', 'json'],
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /listening on/);
    assert.match(r.err, /WARNING: services\.shop\.testNumbers: 1 test number/);
  });
});
