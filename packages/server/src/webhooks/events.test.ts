import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertWebhook, deliveryWebhook, verificationWebhook } from './events.js';
import { webhookPayloadSchema } from './payload-schemas.js';

const NOW = Date.UTC(2026, 0, 1, 12);

describe('webhook bodies', () => {
  it('prefix.capped carries the range, not a number, and matches its published schema', () => {
    const event = alertWebhook(
      { type: 'prefix.capped', limit: 'prefix-20-per-1h', prefix: '+861380013', count: 20, resetAt: NOW + 3_600_000 },
      NOW,
    );
    assert.deepEqual(event.data, {
      limit: 'prefix-20-per-1h',
      count: 20,
      resetAt: '2026-01-01T13:00:00.000Z',
      prefix: '+861380013',
    });
    webhookPayloadSchema('prefix.capped').parse(event);
  });

  it('masks e-mail addresses too, and an MO reply raises no event', () => {
    const event = verificationWebhook(
      { type: 'checked', to: 'alice@example.com', channel: 'email', purpose: 'signup', outcome: 'mismatch' },
      NOW,
    );
    assert.equal(event.type, 'verification.failed');
    assert.equal(event.data.reason, 'wrong_code');
    assert.doesNotMatch(String(event.data.to), /alice/);
    webhookPayloadSchema('verification.failed').parse(event);
    const up = { type: 'up' as const, message: { phoneNumber: '13800138000', content: 'hi', receivedAt: '' } };
    assert.equal(deliveryWebhook(up, NOW), undefined);
  });
});
