import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFlatYaml } from './flat-yaml.js';

function values(text: string): Record<string, string> {
  const result = parseFlatYaml(text);
  assert.ok(result.ok, 'expected the text to parse');
  return Object.fromEntries(result.values);
}

describe('parseFlatYaml', () => {
  it('reads the Python alisms file as written in its README', () => {
    const text = [
      "access_key_id: 'testId'",
      "access_key_secret: 'testSecret'",
      "region_id: 'cn-hangzhou'",
      "host: 'http://dysmsapi.aliyuncs.com'",
    ].join('\n');
    assert.deepEqual(values(text), {
      access_key_id: 'testId',
      access_key_secret: 'testSecret',
      region_id: 'cn-hangzhou',
      host: 'http://dysmsapi.aliyuncs.com',
    });
  });

  it('handles quotes, escapes, comments, blank lines, CRLF and a BOM', () => {
    const text =
      '\uFEFF# credentials\r\n\r\n---\r\nplain: value with spaces # trailing comment\r\n' +
      "single: 'it''s # not a comment'\r\n" +
      'double: "tab\\there \\"q\\" \\u00e9"  # comment\r\n' +
      'hash: a#b\r\n' +
      '"quoted key": x\r\n';
    assert.deepEqual(values(text), {
      plain: 'value with spaces',
      single: "it's # not a comment",
      double: 'tab\there "q" é',
      hash: 'a#b',
      'quoted key': 'x',
    });
  });

  it('ignores nested blocks, lists, block scalars and nulls', () => {
    const text = [
      'SMS_params:',
      '  access_key_id: nested',
      '  deeper:',
      '    x: 1',
      'list:',
      '  - a',
      '- top-level item',
      'block: |',
      '  line one',
      'flow: {a: 1}',
      'nothing: ~',
      'empty:',
      'kept: yes',
    ].join('\n');
    assert.deepEqual(values(text), { kept: 'yes' });
  });

  it('lets a later key win, as PyYAML does', () => {
    assert.deepEqual(values('a: 1\na: 2\nb: 1\nb:\n'), { a: '2' });
  });

  it('reports the line number of a malformed line without quoting it', () => {
    const result = parseFlatYaml('ok: 1\nthis line has no colon SECRETVALUE\n');
    assert.deepEqual(result, { ok: false, line: 2, problem: 'is not a `key: value` pair' });
    const quote = parseFlatYaml("a: 1\nb: 2\nsecret: 'unterminated\n");
    assert.equal(quote.ok, false);
    assert.equal(!quote.ok && quote.line, 3);
    assert.equal(parseFlatYaml('a: "bad \\q escape"').ok, false);
  });
});
