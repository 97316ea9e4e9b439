import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { isAlibabaCloudEcs, readLinuxDmi } from './ecs-detect.js';
import { createCredentials, describeCredentials, ResolvedCredentials } from './resolved-credentials.js';

describe('createCredentials', () => {
  it('rejects an empty half with InvalidArgumentError naming the field', () => {
    assert.throws(() => createCredentials({ accessKeyId: '', accessKeySecret: 's', source: 'x' }), {
      name: 'InvalidArgumentError',
      field: 'accessKeyId',
    });
    assert.throws(() => createCredentials({ accessKeyId: 'id', accessKeySecret: '', source: 'x' }), {
      field: 'accessKeySecret',
    });
  });

  it('returns a frozen ResolvedCredentials whose printable forms are masked', () => {
    const c = createCredentials({
      accessKeyId: 'LTAI-example-1234',
      accessKeySecret: 'sec',
      securityToken: 'tok',
      expiration: Date.UTC(2026, 0, 1, 6),
      source: 'env',
    });
    assert.ok(c instanceof ResolvedCredentials);
    assert.ok(Object.isFrozen(c));
    const expected =
      'Credentials(source=env, accessKeyId=LTAI****1234, securityToken=****, expiration=2026-01-01T06:00:00.000Z)';
    assert.equal(String(c), expected);
    assert.equal(inspect(c), expected);
    assert.deepEqual(JSON.parse(JSON.stringify(c)), {
      source: 'env',
      accessKeyId: 'LTAI****1234',
      hasSecurityToken: true,
      expiration: '2026-01-01T06:00:00.000Z',
    });
    assert.deepEqual(Object.keys(c).sort(), ['accessKeyId', 'expiration', 'source']);
  });

  it('describes plain Credentials objects the same way', () => {
    assert.deepEqual(describeCredentials({ accessKeyId: 'short', accessKeySecret: 's', source: 'custom' }), {
      source: 'custom',
      accessKeyId: '****',
      hasSecurityToken: false,
    });
  });
});

describe('isAlibabaCloudEcs', () => {
  it('looks for "Alibaba Cloud" in what the DMI reader returns', async () => {
    assert.equal(await isAlibabaCloudEcs(() => 'Alibaba Cloud\nAlibaba Cloud ECS'), true);
    assert.equal(await isAlibabaCloudEcs(async () => 'QEMU\nAlibaba Cloud ECS'), true);
    assert.equal(await isAlibabaCloudEcs(() => 'Amazon EC2\nt3.micro'), false);
    assert.equal(await isAlibabaCloudEcs(() => ''), false);
  });

  it('the default reader never throws, even where /sys/class/dmi is absent', async () => {
    assert.equal(typeof (await readLinuxDmi()), 'string');
  });
});
