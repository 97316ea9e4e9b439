import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseResponse } from '../transport/error-factory.js';
import { shouldRetry } from '../transport/retry-policy.js';
import {
  ALIYUN_CODE_CLASSES,
  classifyAliyunCode,
  isServerFailureCode,
  isThrottlingCode,
  type KnownAliyunCode,
} from './error-codes.js';
import { ALIYUN_ERROR_CODES, aliyunCodeHint } from './error-hints.js';

const CLASSES = new Set(['throttling', 'server', 'number-limit', 'account-limit', 'setup', 'recipient', 'request']);

function answer(code: string, status = 200) {
  return parseResponse({
    status,
    headers: {},
    text: JSON.stringify({ Code: code, Message: 'm', RequestId: 'R' }),
    secrets: () => [],
  });
}

describe('the Aliyun error-code table', () => {
  it('gives every code a known class and a hint that says what to do', () => {
    for (const [code, info] of Object.entries(ALIYUN_ERROR_CODES)) {
      assert.ok(CLASSES.has(info.class), `${code}: class ${info.class}`);
      assert.ok(info.hint.length > 10, `${code}: hint`);
    }
  });

  it('classifies unlisted gateway families by prefix and leaves the rest unknown', () => {
    assert.equal(classifyAliyunCode('Throttling.Whatever'), 'throttling');
    assert.equal(classifyAliyunCode('MissingPhoneNumbers'), 'request');
    assert.equal(classifyAliyunCode('InvalidOutId'), 'request');
    assert.equal(classifyAliyunCode('isv.SOMETHING_NEW'), undefined);
    assert.equal(classifyAliyunCode(undefined), undefined);
    // Names of Object.prototype are not codes.
    assert.equal(classifyAliyunCode('toString'), undefined);
    assert.equal(aliyunCodeHint('constructor'), undefined);
  });

  it('is what the SDK error factory and retry policy follow, code by code', () => {
    for (const code of Object.keys(ALIYUN_ERROR_CODES) as KnownAliyunCode[]) {
      const cls = classifyAliyunCode(code);
      const parsed = answer(code);
      assert.equal(parsed.ok, false, code);
      if (parsed.ok) continue;
      const error = parsed.error as { name: string; retryable?: boolean; code?: string };
      assert.equal(error.code, code);
      assert.equal(error.name === 'ThrottlingError', cls === 'throttling', `${code} → ${error.name}`);
      assert.equal(error.retryable === true, cls === 'server' || cls === 'throttling', `${code} retryable`);
      assert.equal(isThrottlingCode(code), cls === 'throttling');
      assert.equal(isServerFailureCode(code), cls === 'server');
      const outcome = { kind: 'response' as const, status: 200, code };
      // A send is retried only for flow control; a query also for Aliyun's own failures.
      assert.equal(shouldRetry(outcome, 0, { idempotent: false }), cls === 'throttling', `${code} send retry`);
      assert.equal(
        shouldRetry(outcome, 0, { idempotent: true }),
        cls === 'throttling' || cls === 'server',
        `${code} query retry`,
      );
    }
  });
});

describe('the hints beside the classes', () => {
  it('gives every classified code its class and a hint, and no other code', () => {
    assert.deepEqual(Object.keys(ALIYUN_ERROR_CODES), Object.keys(ALIYUN_CODE_CLASSES));
    for (const [code, info] of Object.entries(ALIYUN_ERROR_CODES)) {
      assert.equal(info.class, ALIYUN_CODE_CLASSES[code as KnownAliyunCode], code);
      assert.ok(info.hint.length > 10, code);
    }
    assert.equal(aliyunCodeHint('toString'), undefined);
  });
});
