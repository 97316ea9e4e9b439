import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseIni } from './ini.js';
import { fromIniFile } from './ini-file.js';

const root = mkdtempSync(join(tmpdir(), 'alisms-ini-'));
after(() => rmSync(root, { recursive: true, force: true }));

const INI = `; shared credentials
[default]
type = access_key            ; access_key | ecs_ram_role | ram_role_arn
access_key_id = LTAIiniDefault
access_key_secret = "iniSecret"

# another profile
[other]
type = access_key
access_key_id = LTAIiniOther
access_key_secret = otherSecret

[ecs]
type = ecs_ram_role
role_name = EcsRamRoleTest

[notype]
access_key_id = x
access_key_secret = y

[nosecret]
type = access_key
access_key_id = LTAIonly
`;

function homeWith(text: string): string {
  const dir = mkdtempSync(join(root, 'home-'));
  mkdirSync(join(dir, '.alibabacloud'));
  writeFileSync(join(dir, '.alibabacloud', 'credentials'), text);
  return dir;
}

describe('parseIni', () => {
  it('reads sections, strips comments and quotes, keeps = inside values', () => {
    const ini = parseIni("top = ignored\n[a]\nk = v ; c\nq = 'x;y'\nh=a#b\ne = p=q\n  [ b ]  \nk=2\n");
    assert.deepEqual(Object.fromEntries(ini.get('a') ?? []), { k: 'v', q: 'x;y', h: 'a#b', e: 'p=q' });
    assert.deepEqual(Object.fromEntries(ini.get('b') ?? []), { k: '2' });
    assert.equal(ini.has(''), false);
  });
});

describe('fromIniFile', () => {
  const homeDir = homeWith(INI);

  it('reads the default profile of ~/.alibabacloud/credentials', async () => {
    const c = await fromIniFile({ env: {}, homeDir })();
    assert.equal(c.accessKeyId, 'LTAIiniDefault');
    assert.equal(c.accessKeySecret, 'iniSecret');
    assert.equal(c.source, `ini-file:${join(homeDir, '.alibabacloud', 'credentials')}#default`);
  });

  it('uses ALIBABA_CLOUD_PROFILE and ALIBABA_CLOUD_CREDENTIALS_FILE', async () => {
    const path = join(root, 'custom.ini');
    writeFileSync(path, INI);
    const c = await fromIniFile({
      env: { ALIBABA_CLOUD_CREDENTIALS_FILE: path, ALIBABA_CLOUD_PROFILE: 'other' },
      homeDir: join(root, 'nobody'),
    })();
    assert.equal(c.accessKeyId, 'LTAIiniOther');
    assert.equal(c.source, `ini-file:${path}#other`);
  });

  it('skips a missing default file, a missing profile and unsupported types', async () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{}, join(root, 'nobody'), /file not found/],
      [{ ALIBABA_CLOUD_PROFILE: 'ghost' }, homeDir, /profile \[ghost\] not found/],
      [{ ALIBABA_CLOUD_PROFILE: 'ecs' }, homeDir, /type ecs_ram_role is not read by alisms/],
    ];
    for (const [env, dir, reason] of cases) {
      await assert.rejects(fromIniFile({ env, homeDir: dir })(), (e: unknown) => {
        assert.equal((e as Error).name, 'CredentialsProviderSkip');
        assert.match((e as { reason: string }).reason, reason);
        return true;
      });
    }
  });

  it('fails when ALIBABA_CLOUD_CREDENTIALS_FILE names a missing file', async () => {
    await assert.rejects(fromIniFile({ env: { ALIBABA_CLOUD_CREDENTIALS_FILE: join(root, 'missing.ini') } })(), {
      name: 'CredentialsSourceError',
      field: 'ALIBABA_CLOUD_CREDENTIALS_FILE',
    });
  });

  it('fails naming the missing type or field', async () => {
    await assert.rejects(fromIniFile({ env: { ALIBABA_CLOUD_PROFILE: 'notype' }, homeDir })(), { field: 'type' });
    await assert.rejects(fromIniFile({ env: { ALIBABA_CLOUD_PROFILE: 'nosecret' }, homeDir })(), {
      name: 'CredentialsSourceError',
      field: 'access_key_secret',
    });
  });
});
