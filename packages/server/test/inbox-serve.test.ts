import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../../../test/helpers/spec.js';
import { serveInbox } from '../../emulator/src/inbox/index.js';

describe('serveInbox', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      const { pathname } = new URL(req.url ?? '/', 'http://x');
      if (!serveInbox(req, res, pathname)) res.writeHead(418).end('not mine');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the page and its assets with a strict content security policy', async () => {
    for (const [path, type] of [
      ['/_emulator/', 'text/html'],
      ['/_emulator/inbox.js', 'text/javascript'],
      ['/_emulator/inbox.css', 'text/css'],
      ['/_emulator/favicon.svg', 'image/svg+xml'],
    ] as const) {
      const res = await fetch(base + path);
      assert.equal(res.status, 200, path);
      assert.ok(res.headers.get('content-type')?.startsWith(type), path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'(;|$)/);
      assert.ok((await res.text()).length > 100);
    }
  });

  it('leaves the inspection API and other paths to the caller', async () => {
    for (const path of ['/_emulator/api/messages', '/_emulator/api', '/', '/other', '/_emulatorx']) {
      assert.equal((await fetch(base + path)).status, 418, path);
    }
  });

  it('redirects /_emulator, answers 404 for unknown files, 405 for writes, and HEAD without a body', async () => {
    const redirect = await fetch(`${base}/_emulator`, { redirect: 'manual' });
    assert.equal(redirect.status, 308);
    assert.equal(redirect.headers.get('location'), '/_emulator/');
    assert.equal((await fetch(`${base}/_emulator/%2e%2e%2findex.ts`)).status, 404);
    assert.equal((await fetch(`${base}/_emulator/constructor`)).status, 404);
    const post = await fetch(`${base}/_emulator/`, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    const head = await fetch(`${base}/_emulator/inbox.js`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  it('loads nothing from the network: no absolute URLs in the page files, no innerHTML in the script', () => {
    const dir = join(repoRoot, 'packages', 'emulator', 'src', 'inbox', 'assets');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8').replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, '');
      assert.doesNotMatch(text, /(src|href)=["']?(https?:)?\/\//i, file);
      assert.doesNotMatch(text, /@import|url\(\s*["']?https?:/i, file);
    }
    const script = readFileSync(join(dir, 'inbox.js'), 'utf8');
    assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
