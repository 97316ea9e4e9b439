import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LuaIncludeError, loadLuaSource } from './lua-includes.js';

const INCLUDE = /^---[ \t]*@include/m;
const SHARED = new URL('./lua/includes/rate-limits.lua', import.meta.url);
const SCRIPTS = [new URL('./lua/consume-n.lua', import.meta.url), new URL('../lua/issue-code-n.lua', import.meta.url)];

describe('the shared rate-limit Lua', () => {
  it('is written once and spliced whole into both scripts that count limits', () => {
    const shared = readFileSync(SHARED, 'utf8').trimEnd();
    for (const file of SCRIPTS) {
      const raw = readFileSync(file, 'utf8');
      assert.match(raw, INCLUDE, `${file.pathname} includes the shared logic`);
      assert.doesNotMatch(raw, /ZREMRANGEBYSCORE/, `${file.pathname} keeps no copy of the limit logic`);
      const source = loadLuaSource(file);
      assert.doesNotMatch(source, INCLUDE);
      assert.equal(source.split(shared).length - 1, 1, `${file.pathname} holds the shared file exactly once`);
    }
  });
});

describe('loadLuaSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alisms-lua-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
    return pathToFileURL(join(dir, name));
  };

  it('splices nested includes in place, each file once, with paths relative to the including file', () => {
    write('inc/a.lua', 'local function a() return 1 end');
    write('inc/b.lua', "--- @include 'a.lua'\nlocal function b() return a() + 1 end");
    const main = write('main-1.lua', '--- @include "inc/b.lua"\n--- @include "inc/a.lua"\nreturn b()\n');
    assert.equal(
      loadLuaSource(main),
      'local function a() return 1 end\nlocal function b() return a() + 1 end\n-- inc/a.lua: included above\nreturn b()\n',
    );
  });

  it('names the chain of files for a missing include', () => {
    const main = write('missing-1.lua', '--- @include "inc/nope.lua"\nreturn 1\n');
    assert.throws(
      () => loadLuaSource(main),
      (e: unknown) => e instanceof LuaIncludeError && /missing-1\.lua → nope\.lua \(ENOENT\)/.test(e.message),
    );
  });

  it('refuses an include cycle', () => {
    write('cyc/x.lua', '--- @include "y.lua"');
    write('cyc/y.lua', '--- @include "x.lua"');
    const main = write('cycle-1.lua', '--- @include "cyc/x.lua"\n');
    assert.throws(
      () => loadLuaSource(main),
      (e: unknown) =>
        e instanceof LuaIncludeError && /include cycle: cycle-1\.lua → x\.lua → y\.lua → x\.lua/.test(e.message),
    );
  });
});
