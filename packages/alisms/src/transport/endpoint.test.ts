import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInvalidArgumentError } from '../core/invalid-argument-error.js';
import { type EndpointRules, parseEndpoint, resolveEndpoint } from './endpoint.js';

const RULES: EndpointRules = {
  product: 'dysmsapi',
  defaultHost: 'dysmsapi.aliyuncs.com',
  regions: { 'ap-southeast-1': 'dysmsapi.ap-southeast-1.aliyuncs.com' },
};

describe('parseEndpoint', () => {
  it('bare host → https on 443, host header without the default port', () => {
    assert.deepEqual(parseEndpoint('dysmsapi.aliyuncs.com'), {
      protocol: 'https:',
      hostname: 'dysmsapi.aliyuncs.com',
      port: 443,
      host: 'dysmsapi.aliyuncs.com',
    });
  });
  it('bare loopback host:port → http (the emulator)', () => {
    assert.deepEqual(parseEndpoint('127.0.0.1:8787'), {
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 8787,
      host: '127.0.0.1:8787',
    });
    assert.equal(parseEndpoint('localhost:9000').protocol, 'http:');
    assert.equal(parseEndpoint('[::1]:9000').hostname, '::1');
  });
  it('explicit schemes are kept; a non-default port goes in the host header', () => {
    assert.equal(parseEndpoint('https://127.0.0.1:8443').protocol, 'https:');
    assert.equal(parseEndpoint('http://sms.internal:8080/').host, 'sms.internal:8080');
    assert.equal(parseEndpoint('http://sms.internal:80').host, 'sms.internal');
  });
  it('rejects paths, queries and other schemes with InvalidArgumentError', () => {
    for (const bad of ['http://h/x', 'http://h/?a=1', 'ftp://h', 'http://', 'http://u:p@h']) {
      assert.throws(() => parseEndpoint(bad), isInvalidArgumentError, bad);
    }
  });
});

describe('resolveEndpoint order: option → ALISMS_ENDPOINT → region map → default', () => {
  const env = { ALISMS_ENDPOINT: 'http://127.0.0.1:8787' };
  it('the option wins over everything', () => {
    assert.equal(
      resolveEndpoint({ endpoint: 'a.example.com', regionId: 'ap-southeast-1', env }, RULES).host,
      'a.example.com',
    );
  });
  it('then ALISMS_ENDPOINT', () => {
    assert.equal(resolveEndpoint({ regionId: 'ap-southeast-1', env }, RULES).host, '127.0.0.1:8787');
  });
  it('then the region map; cn-* and no region fall back to the product default', () => {
    assert.equal(
      resolveEndpoint({ regionId: 'ap-southeast-1', env: {} }, RULES).host,
      'dysmsapi.ap-southeast-1.aliyuncs.com',
    );
    assert.equal(resolveEndpoint({ regionId: 'cn-shenzhen', env: {} }, RULES).host, 'dysmsapi.aliyuncs.com');
    assert.equal(resolveEndpoint({ env: {} }, RULES).host, 'dysmsapi.aliyuncs.com');
  });
  it('an unknown non-mainland region is an error naming the known ones', () => {
    assert.throws(() => resolveEndpoint({ regionId: 'mars-1', env: {} }, RULES), /ap-southeast-1/);
  });
});
