import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isInvalidArgumentError } from '../core/invalid-argument-error.js';
import { parseConfig, parseYamlMapping } from './parse-config.js';

const dir = mkdtempSync(join(tmpdir(), 'alisms-facade-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('parseConfig', () => {
  it('reads the flat layout the Python constructor expects', () => {
    const path = file(
      'flat.yml',
      "# alisms config\naccess_key_id: 'testId'\naccess_key_secret: \"test\\\"Secret\"\nregion_id: cn-hangzhou  # default\nhost: 'http://dysmsapi.aliyuncs.com'\n",
    );
    assert.deepEqual(parseConfig(path), {
      access_key_id: 'testId',
      access_key_secret: 'test"Secret',
      region_id: 'cn-hangzhou',
      host: 'http://dysmsapi.aliyuncs.com',
    });
  });

  it('returns one nested section for `part`, like parse_config(file, part)', () => {
    const path = file('nested.yml', "SMS_params:\n  access_key_id: 'testId'\n  page_size: 10\n  raw: yes\nother: ~\n");
    assert.deepEqual(parseConfig(path, 'SMS_params'), { access_key_id: 'testId', page_size: 10, raw: true });
    assert.deepEqual(parseConfig(path), {
      SMS_params: { access_key_id: 'testId', page_size: 10, raw: true },
      other: null,
    });
  });

  it('keeps a # inside quotes and a quoted number as a string', () => {
    assert.deepEqual(parseYamlMapping("a: 'x # y'\nb: '0123'\nc: it''s\nd: 'it''s'\n"), {
      a: 'x # y',
      b: '0123',
      c: "it''s",
      d: "it's",
    });
  });

  it('rejects what it cannot read with the line number', () => {
    for (const [text, line, why] of [
      ['a: 1\nlist:\n  - x\n', 3, /expected `key: value`/],
      ['a:\n  b:\n    c: 1\n', 2, /deeper nesting/],
      ['a: [1, 2]\n', 1, /flow collections/],
      ["a: 'open\n", 1, /unterminated/],
    ] as const) {
      assert.throws(
        () => parseYamlMapping(text, 'cfg.yml'),
        (error: unknown) =>
          isInvalidArgumentError(error) && error.message.includes(`cfg.yml line ${line}:`) && why.test(error.message),
      );
    }
  });

  it('names a missing file and a missing part', () => {
    assert.throws(() => parseConfig(join(dir, 'absent.yml')), /configFile: cannot read .*absent\.yml \(ENOENT\)/);
    const path = file('p.yml', 'a: 1\n');
    assert.throws(() => parseConfig(path, 'SMS_params'), /no top-level section "SMS_params"/);
    assert.throws(() => parseConfig(path, 'a'), /is a value, not a section/);
  });
});
