import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPhoneRules } from '@alisms/otp';
import { ManualClock } from 'alisms';
import { createConversionReporter } from './conversions.js';

function setup(report: (id: string, at: number) => Promise<unknown>) {
  const counts = { ok: 0, failed: 0 };
  const warnings: Array<Record<string, unknown>> = [];
  const clock = new ManualClock(1_700_000_000_000);
  const reporter = createConversionReporter({
    report,
    phone: defaultPhoneRules,
    count: (outcome) => {
      counts[outcome] += 1;
    },
    logger: { warn: (fields: Record<string, unknown>) => void warnings.push(fields) } as never,
    clock,
    ttlMs: 300_000,
    maxEntries: 2,
  });
  return { reporter, counts, warnings, clock };
}

describe('conversion reporter', () => {
  it('reports the remembered message once, for the number as the user typed it', async () => {
    const reported: Array<[string, number]> = [];
    const { reporter, counts } = setup(async (id, at) => void reported.push([id, at]));
    reporter.remember('+8613800138000', 'login', 'BIZ-1');
    reporter.approved('138 0013 8000', 'signup');
    reporter.approved('138 0013 8000', 'login');
    reporter.approved('138 0013 8000', 'login');
    await reporter.idle();
    assert.deepEqual(reported, [['BIZ-1', 1_700_000_000_000]]);
    assert.deepEqual(counts, { ok: 1, failed: 0 });
  });

  it('a failed or throwing report is counted and logged, never thrown; a report that hangs does not hold approved()', async () => {
    const { reporter, counts, warnings } = setup(async (id) => {
      if (id === 'THROW') throw Object.assign(new Error('isv.INVALID_PARAMETERS for 13800138000'), { code: 'isv.X' });
      if (id === 'HANG') return new Promise(() => {});
      throw new Error('down');
    });
    reporter.remember('+8613800138001', 'login', 'THROW');
    reporter.remember('+8613800138002', 'login', 'FAIL');
    reporter.approved('13800138001', 'login');
    reporter.approved('13800138002', 'login');
    await reporter.idle();
    assert.deepEqual(counts, { ok: 0, failed: 2 });
    assert.equal(warnings[0]?.providerCode, 'isv.X');
    assert.doesNotMatch(String(warnings[0]?.detail), /13800138000/);
    reporter.remember('+8613800138003', 'login', 'HANG');
    reporter.approved('13800138003', 'login'); // returns at once although the report never settles
  });

  it('forgets expired codes and keeps at most maxEntries', async () => {
    const reported: string[] = [];
    const { reporter, clock } = setup(async (id) => void reported.push(id));
    reporter.remember('+8613800138004', 'login', 'OLD');
    clock.advance(300_001);
    reporter.approved('13800138004', 'login');
    for (const [n, id] of [
      ['5', 'A'],
      ['6', 'B'],
      ['7', 'C'],
    ])
      reporter.remember(`+861380013800${n}`, 'login', id as string);
    for (const n of ['5', '6', '7']) reporter.approved(`1380013800${n}`, 'login');
    await reporter.idle();
    assert.deepEqual(reported, ['B', 'C']);
  });
});
