import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fromAliyunCli } from './aliyun-cli.js';

const root = mkdtempSync(join(tmpdir(), 'alisms-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh home directory holding `.aliyun/config.json` with `content`. */
function home(content: unknown): string {
  n += 1;
  const dir = join(root, `home${n}`);
  mkdirSync(join(dir, '.aliyun'), { recursive: true });
  writeFileSync(join(dir, '.aliyun', 'config.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

const config = {
  current: 'default',
  profiles: [
    {
      name: 'default',
      mode: 'AK',
      access_key_id: 'LTAIcliAK001',
      access_key_secret: 'akSecret',
      region_id: 'cn-hangzhou',
    },
    { name: 'sts', mode: 'StsToken', access_key_id: 'STS.cli', access_key_secret: 'stsSecret', sts_token: 'stsTok' },
    { name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'MyEcsRole' },
    { name: 'broken', mode: 'StsToken', access_key_id: 'STS.b', access_key_secret: 'x' },
  ],
};

describe('fromAliyunCli', () => {
  it('reads the current profile (mode AK)', async () => {
    const homeDir = home(config);
    const c = await fromAliyunCli({ env: {}, homeDir })();
    assert.equal(c.accessKeyId, 'LTAIcliAK001');
    assert.equal(c.accessKeySecret, 'akSecret');
    assert.equal(c.securityToken, undefined);
    assert.equal(c.source, `aliyun-cli:${join(homeDir, '.aliyun', 'config.json')}#default`);
  });

  it('selects the profile named by ALIBABA_CLOUD_PROFILE (mode StsToken)', async () => {
    const c = await fromAliyunCli({ env: { ALIBABA_CLOUD_PROFILE: 'sts' }, homeDir: home(config) })();
    assert.deepEqual([c.accessKeyId, c.accessKeySecret, c.securityToken], ['STS.cli', 'stsSecret', 'stsTok']);
  });

  it('skips when disabled, when the file or profile is missing, and for other modes', async () => {
    const homeDir = home(config);
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' }, homeDir, /ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true/],
      [{}, join(root, 'nobody'), /file not found/],
      [{ ALIBABA_CLOUD_PROFILE: 'ghost' }, homeDir, /profile "ghost" not found/],
      [{ ALIBABA_CLOUD_PROFILE: 'ecs' }, homeDir, /mode EcsRamRole is not read by alisms/],
    ];
    for (const [env, dir, reason] of cases) {
      await assert.rejects(fromAliyunCli({ env, homeDir: dir })(), (e: unknown) => {
        assert.equal((e as Error).name, 'CredentialsProviderSkip');
        assert.match((e as { reason: string }).reason, reason);
        return true;
      });
    }
  });

  it('skips when there is no current profile and no variable', async () => {
    await assert.rejects(fromAliyunCli({ env: {}, homeDir: home({ profiles: config.profiles }) })(), {
      name: 'CredentialsProviderSkip',
    });
  });

  it('fails naming the missing field of a StsToken profile', async () => {
    await assert.rejects(fromAliyunCli({ env: { ALIBABA_CLOUD_PROFILE: 'broken' }, homeDir: home(config) })(), {
      name: 'CredentialsSourceError',
      field: 'sts_token',
    });
  });

  it('fails on a file that is not JSON', async () => {
    await assert.rejects(fromAliyunCli({ env: {}, homeDir: home('{"current": "default", ') })(), {
      name: 'CredentialsSourceError',
      message: /is not valid JSON/,
    });
  });
});
