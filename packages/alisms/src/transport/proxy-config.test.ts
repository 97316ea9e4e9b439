import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bypassesProxy, parseProxyUrl, proxyFor } from './proxy-config.js';

const https = { protocol: 'https:' as const, hostname: 'dysmsapi.aliyuncs.com', port: 443 };
const http = { protocol: 'http:' as const, hostname: '127.0.0.1', port: 8787 };

describe('proxy settings', () => {
  it('picks HTTPS_PROXY for https and HTTP_PROXY for http, lower case first', () => {
    const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: 'http://plain:3' };
    assert.equal(proxyFor(https, undefined, env)?.hostname, 'lower');
    assert.equal(proxyFor(http, undefined, env)?.hostname, 'plain');
    assert.equal(proxyFor(https, undefined, { HTTP_PROXY: 'http://plain:3' }), undefined);
  });

  it('the proxy option wins over the environment; false turns proxies off', () => {
    assert.equal(proxyFor(https, 'http://opt:9', { HTTPS_PROXY: 'http://env:1' })?.hostname, 'opt');
    assert.equal(proxyFor(https, false, { HTTPS_PROXY: 'http://env:1' }), undefined);
  });

  it('NO_PROXY: names with subdomains, leading dots and *., ports, IPv6, * and mixed separators', () => {
    assert.ok(bypassesProxy('dysmsapi.aliyuncs.com', 443, 'aliyuncs.com'));
    assert.ok(bypassesProxy('dysmsapi.aliyuncs.com', 443, 'foo, .aliyuncs.com'));
    assert.ok(bypassesProxy('dysmsapi.aliyuncs.com', 443, '*.aliyuncs.com'));
    assert.ok(!bypassesProxy('evilaliyuncs.com', 443, 'aliyuncs.com'));
    assert.ok(bypassesProxy('127.0.0.1', 8787, '127.0.0.1:8787'));
    assert.ok(!bypassesProxy('127.0.0.1', 8787, '127.0.0.1:9000'));
    assert.ok(bypassesProxy('::1', 80, '[::1]'));
    assert.ok(bypassesProxy('::1', 80, '::1'));
    assert.ok(bypassesProxy('anything', 1, 'a b *'));
    assert.equal(proxyFor(https, undefined, { HTTPS_PROXY: 'http://p:1', no_proxy: 'aliyuncs.com' }), undefined);
  });

  it('credentials become a Basic Proxy-Authorization and never reach the display form or an error', () => {
    const p = parseProxyUrl('http://us%40er:p%3Ass@proxy.example:3128', 'proxy');
    assert.equal(p.authorization, `Basic ${btoa('us@er:p:ss')}`);
    assert.equal(p.display, 'http://proxy.example:3128');
    assert.equal(p.port, 3128);
    assert.equal(parseProxyUrl('proxy.example', 'proxy').port, 80);
    const err = (() => {
      try {
        parseProxyUrl('socks5://user:hunter2@proxy:1080', 'HTTPS_PROXY');
      } catch (e) {
        return e as Error;
      }
    })();
    assert.match(String(err?.message), /only http:\/\/ proxies/);
    assert.ok(!String(err?.message).includes('hunter2'));
  });
});
