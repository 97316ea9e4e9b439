import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInvalidArgumentError } from 'alisms';
import { defaultDeliveryConfig, resolveDeliveryConfig } from './config.js';

describe('resolveDeliveryConfig', () => {
  it('fills the defaults and keeps given fields', () => {
    assert.deepEqual(resolveDeliveryConfig(), { ...defaultDeliveryConfig });
    const c = resolveDeliveryConfig({ delay: 0, deliveredRatio: 0.25, pushUrl: 'http://127.0.0.1:9/r' });
    assert.equal(c.delay, 0);
    assert.equal(c.deliveredRatio, 0.25);
    assert.equal(c.failCode, 'MOBILE_NOT_ON_SERVICE');
    assert.equal(c.retryScale, 1);
    assert.equal(c.pushUrl, 'http://127.0.0.1:9/r');
  });

  it('rejects out-of-range values with the field named', () => {
    for (const [field, bad] of [
      ['deliveredRatio', { deliveredRatio: 1.5 }],
      ['delay', { delay: -1 }],
      ['retryScale', { retryScale: Number.NaN }],
      ['pushUrl', { pushUrl: 'ftp://x' }],
      ['maxBatch', { maxBatch: 0 }],
    ] as const) {
      assert.throws(
        () => resolveDeliveryConfig(bad),
        (e: unknown) => isInvalidArgumentError(e) && e.field === field,
      );
    }
  });
});
