import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadEmulatorConfig } from './load.js';
import { DEFAULT_TEMPLATE, resolveConfig } from './resolve.js';

describe('emulator config', () => {
  it('works with nothing: default key, sign, template, flow control', () => {
    const config = resolveConfig();
    assert.deepEqual(
      config.accessKeys.map((k) => [k.id, k.secret]),
      [['testid', 'testsecret']],
    );
    assert.deepEqual(config.signs, [{ name: '阿里云短信测试', type: 'verification' }]);
    assert.equal(config.templates[0]?.code, DEFAULT_TEMPLATE.code);
    assert.deepEqual(config.flowControl.verification, { perMinute: 1, perHour: 5, perDay: 10 });
    assert.equal(config.flowControl.notification.perDay, 50);
    assert.equal(config.templateApprovalDelay, 0);
  });

  it('names every unknown key, nested ones included', () => {
    assert.throws(
      () => resolveConfig({ flowcontrol: {}, flowControl: { verification: { perMinit: 2 } } }),
      (error: Error) =>
        /flowcontrol/.test(error.message) && /flowControl\.verification: unknown key\(s\) perMinit/.test(error.message),
    );
  });

  it('rejects wrong types with the path', () => {
    assert.throws(
      () => resolveConfig({ templates: [{ code: 'X', type: 'marketing', content: 'x' }] }),
      /templates\.0\.type/,
    );
  });

  it('parses durations and keeps receipts for the delivery simulation', () => {
    const config = resolveConfig({
      templateApprovalDelay: '2 min',
      receipts: { delay: '500 ms', deliveredRatio: 0.5 },
    });
    assert.equal(config.templateApprovalDelay, 120_000);
    assert.deepEqual(config.receipts, { delay: '500 ms', deliveredRatio: 0.5 });
  });

  it('loads YAML and names the file in errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alisms-config-'));
    try {
      const good = join(dir, 'good.yaml');
      writeFileSync(good, 'accessKeys:\n  - id: ak\n    secret: sk\nflowControl:\n  enabled: false\n');
      const config = await loadEmulatorConfig(good);
      assert.equal(config.accessKeys[0]?.id, 'ak');
      assert.equal(config.flowControl.enabled, false);
      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, 'signz: []\n');
      await assert.rejects(
        loadEmulatorConfig(bad),
        (error: Error) => error.message.includes(bad) && /signz/.test(error.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
