import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { isAlismsError } from '../../core/errors.js';
import { AliyunApiError, isAliyunApiError } from './aliyun-api-error.js';
import { InvalidResponseError, isInvalidResponseError } from './invalid-response-error.js';
import { isSendOutcomeUnknownError, SendOutcomeUnknownError } from './send-outcome-unknown-error.js';
import { isThrottlingError, ThrottlingError } from './throttling-error.js';
import { isTimeoutError, TimeoutError } from './timeout-error.js';
import { isTransportError, TransportError } from './transport-error.js';

/** An error as another copy of alisms would make it: same name and fields, different prototype. */
function foreign(name: string): Error {
  const e = new Error('x') as Error & { code: string; retryable: boolean };
  e.name = name;
  e.code = 'C';
  e.retryable = false;
  return e;
}

describe('error classes and guards', () => {
  it('classes extend the right parents and AlismsError', () => {
    const throttled = new ThrottlingError('m', 'm', { code: 'Throttling.User' });
    assert.ok(throttled instanceof AliyunApiError && isAlismsError(throttled) && throttled.retryable);
    const timeout = new TimeoutError('read', 50);
    assert.ok(timeout instanceof TransportError && timeout.requestSent && timeout.code === 'ALISMS_READ_TIMEOUT');
    assert.equal(new TimeoutError('connect', 50).requestSent, false);
    const unknown = new SendOutcomeUnknownError('SendSms', 'o-1', timeout);
    assert.equal(unknown.cause, timeout);
    assert.match(unknown.message, /OutId o-1/);
    assert.equal(new InvalidResponseError(502, '<html>', true).httpStatus, 502);
  });

  it('guards match instances and same-named errors from another copy', () => {
    const cases: Array<[(v: unknown) => boolean, string[]]> = [
      [isAliyunApiError, ['AliyunApiError', 'ThrottlingError']],
      [isThrottlingError, ['ThrottlingError']],
      [isTransportError, ['TransportError', 'TimeoutError']],
      [isTimeoutError, ['TimeoutError']],
      [isSendOutcomeUnknownError, ['SendOutcomeUnknownError']],
      [isInvalidResponseError, ['InvalidResponseError']],
    ];
    const all = [
      'AliyunApiError',
      'ThrottlingError',
      'TransportError',
      'TimeoutError',
      'SendOutcomeUnknownError',
      'InvalidResponseError',
    ];
    for (const [guard, accepted] of cases)
      for (const name of all) assert.equal(guard(foreign(name)), accepted.includes(name), `${guard.name}(${name})`);
    assert.equal(isAliyunApiError(new Error('plain')), false);
    assert.equal(isTransportError('TransportError'), false);
  });

  it('inspect shows the name and code users switch on', () => {
    const text = inspect(new AliyunApiError('isv.X: m', 'm', { code: 'isv.X', httpStatus: 200, requestId: 'R' }));
    assert.match(text, /AliyunApiError/);
    assert.match(text, /code: 'isv\.X'/);
  });
});
