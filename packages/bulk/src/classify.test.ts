import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifySendError } from './classify.js';
import { fakeApiError } from './fake-port.js';

describe('classifySendError', () => {
  const cases: Array<[Error, string]> = [
    [fakeApiError('ThrottlingError', 'Throttling.User', true), 'throttled'],
    [fakeApiError('AliyunApiError', 'Throttling.Api'), 'throttled'],
    [fakeApiError('SendOutcomeUnknownError', 'ALISMS_OUTCOME_UNKNOWN'), 'unknown'],
    [fakeApiError('TransportError', 'ECONNREFUSED', true), 'not-sent'],
    [fakeApiError('AliyunApiError', 'isp.SYSTEM_ERROR', true), 'unknown'],
    [fakeApiError('AliyunApiError', 'isv.MOBILE_NUMBER_ILLEGAL'), 'rejected'],
    [fakeApiError('AliyunApiError', 'isv.AMOUNT_NOT_ENOUGH'), 'fatal'],
    [fakeApiError('AliyunApiError', 'InvalidAccessKeyId.NotFound'), 'fatal'],
    [fakeApiError('CredentialsNotFoundError', 'ALISMS_CREDENTIALS_NOT_FOUND'), 'fatal'],
    [new TypeError('boom'), 'unknown'],
    // Classified by the SDK's one table of codes: the same answer the SDK's own errors give.
    [fakeApiError('AliyunApiError', 'QPS_LIMIT_CONTROL'), 'throttled'],
    [fakeApiError('AliyunApiError', 'isp.SYSTEM_ERROR'), 'unknown'],
    [fakeApiError('AliyunApiError', 'isv.BUSINESS_LIMIT_CONTROL'), 'rejected'],
    [fakeApiError('AliyunApiError', 'isv.DAY_LIMIT_CONTROL'), 'fatal'],
    [fakeApiError('AliyunApiError', 'InvalidTimeStamp.Expired'), 'fatal'],
    [fakeApiError('AliyunApiError', 'AMOUNT_NOT_ENOUGH'), 'fatal'],
    [fakeApiError('AliyunApiError', 'MissingPhoneNumbers'), 'rejected'],
  ];
  for (const [error, kind] of cases) {
    it(`${error.name} ${(error as { code?: string }).code ?? ''} → ${kind}`, () => {
      assert.equal(classifySendError(error).kind, kind);
    });
  }
});
