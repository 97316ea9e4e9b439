import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fromAlismsConfig, readAlismsConfigFile } from './alisms-config.js';
import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';

const dir = mkdtempSync(join(tmpdir(), 'alisms-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('readAlismsConfigFile', () => {
  it('maps the Python alisms keys to camelCase', () => {
    const path = write(
      'py.yaml',
      "access_key_id: 'testId'\naccess_key_secret: 'testSecret'\nregion_id: 'cn-hangzhou'\nhost: 'http://dysmsapi.aliyuncs.com'\n",
    );
    assert.deepEqual(readAlismsConfigFile(path), {
      accessKeyId: 'testId',
      accessKeySecret: 'testSecret',
      regionId: 'cn-hangzhou',
      endpoint: 'http://dysmsapi.aliyuncs.com',
    });
  });

  it('reads the camelCase keys, including securityToken and endpoint, and ignores others', () => {
    const path = write(
      'camel.yaml',
      'accessKeyId: LTAIcamel\naccessKeySecret: s\nsecurityToken: t\nregionId: ap-southeast-1\nendpoint: 127.0.0.1:8787\nsignName: x\n',
    );
    assert.deepEqual(readAlismsConfigFile(path), {
      accessKeyId: 'LTAIcamel',
      accessKeySecret: 's',
      securityToken: 't',
      regionId: 'ap-southeast-1',
      endpoint: '127.0.0.1:8787',
    });
  });

  it('does not see keys nested under a block (the early Python config.yml layout)', () => {
    const path = write('nested.yaml', 'SMS_params:\n  access_key_id: x\n  access_key_secret: y\n');
    assert.deepEqual(readAlismsConfigFile(path), {});
  });

  it('names the file and the line of a syntax error', () => {
    const path = write('bad.yaml', 'region_id: cn-hangzhou\nnot yaml at all\n');
    assert.throws(
      () => readAlismsConfigFile(path),
      (e: unknown) => {
        assert.ok(e instanceof CredentialsSourceError);
        assert.equal(e.message, `config-file:${path}: line 2 is not a \`key: value\` pair`);
        return true;
      },
    );
  });

  it('fails with the errno code for a missing file', () => {
    assert.throws(() => readAlismsConfigFile(join(dir, 'missing.yaml')), /cannot read the file \(ENOENT\)/);
  });
});

describe('fromAlismsConfig', () => {
  it('reads ./alisms.yaml relative to cwd', async () => {
    const cwd = join(dir, 'project');
    write('project/alisms.yaml', 'access_key_id: LTAIfromyaml\naccess_key_secret: ys\n');
    const c = await fromAlismsConfig({ env: {}, cwd })();
    assert.equal(c.accessKeyId, 'LTAIfromyaml');
    assert.equal(c.accessKeySecret, 'ys');
    assert.equal(c.source, `config-file:${join(cwd, 'alisms.yaml')}`);
  });

  it('prefers the file named by ALISMS_CONFIG (relative to cwd)', async () => {
    write('project2/alisms.yaml', 'access_key_id: wrong\naccess_key_secret: wrong\n');
    write('project2/conf/other.yaml', 'accessKeyId: LTAIother\naccessKeySecret: os\nsecurityToken: ot\n');
    const c = await fromAlismsConfig({ env: { ALISMS_CONFIG: 'conf/other.yaml' }, cwd: join(dir, 'project2') })();
    assert.equal(c.accessKeyId, 'LTAIother');
    assert.equal(c.securityToken, 'ot');
  });

  it('skips when there is no ./alisms.yaml', async () => {
    await assert.rejects(fromAlismsConfig({ env: {}, cwd: join(dir, 'empty') })(), (e: unknown) => {
      assert.ok(e instanceof CredentialsProviderSkip);
      assert.match(e.reason, /file not found/);
      return true;
    });
  });

  it('skips a file that holds only region and endpoint', async () => {
    write('regiononly/alisms.yaml', 'region_id: cn-hangzhou\n');
    await assert.rejects(fromAlismsConfig({ env: {}, cwd: join(dir, 'regiononly') })(), {
      name: 'CredentialsProviderSkip',
      reason: 'file has no access_key_id',
    });
  });

  it('fails when ALISMS_CONFIG names a missing file', async () => {
    await assert.rejects(fromAlismsConfig({ env: { ALISMS_CONFIG: 'nope.yaml' }, cwd: dir })(), {
      name: 'CredentialsSourceError',
      field: 'ALISMS_CONFIG',
    });
  });

  it('fails naming the missing half of the key', async () => {
    write('half/alisms.yaml', 'access_key_id: LTAIhalf\n');
    await assert.rejects(fromAlismsConfig({ env: {}, cwd: join(dir, 'half') })(), {
      name: 'CredentialsSourceError',
      field: 'access_key_secret',
    });
    write('half2/alisms.yaml', 'access_key_secret: only\n');
    await assert.rejects(fromAlismsConfig({ env: {}, cwd: join(dir, 'half2') })(), { field: 'access_key_id' });
  });
});
