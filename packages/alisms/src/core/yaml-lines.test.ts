import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFlatYaml } from '../credentials/flat-yaml.js';
import { parseYamlMapping } from '../facade/parse-config.js';
import { scanYamlLines } from './yaml-lines.js';

describe('scanYamlLines', () => {
  it('tells pairs, list items and bad lines apart, with line numbers and indentation', () => {
    const lines = scanYamlLines(
      '\uFEFF# c\r\n---\r\na: 1 # c\r\nb:\r\n  c: "x\\ty"\r\n\t- item\r\nnot a pair\r\nd: \'open\r\ne: [1]\r\n',
    );
    assert.deepEqual(
      lines.map((l) => [l.kind, l.line, l.indent, l.tabIndent]),
      [
        ['pair', 3, 0, false],
        ['pair', 4, 0, false],
        ['pair', 5, 2, false],
        ['item', 6, 1, true],
        ['bad', 7, 0, false],
        ['bad', 8, 0, false],
        ['pair', 9, 0, false],
      ],
    );
    assert.deepEqual(lines[0], {
      kind: 'pair',
      line: 3,
      indent: 0,
      tabIndent: false,
      key: 'a',
      value: { style: 'plain', text: '1' },
    });
    assert.equal(lines[1]?.kind === 'pair' && lines[1].value, undefined);
    assert.deepEqual(lines[2]?.kind === 'pair' && lines[2].value, { style: 'quoted', text: 'x\ty' });
    assert.deepEqual(lines[6]?.kind === 'pair' && lines[6].value, { style: 'complex' });
  });

  it('gives alisms.yaml and parseConfig the same strings for the same lines', () => {
    const text = [
      "single: 'it''s # not a comment'",
      'double: "tab\\there \\"q\\" \\u00e9 \\x41"  # comment',
      'plain: value with spaces # trailing comment',
      'hash: a#b',
      '"quoted key": x',
    ].join('\n');
    const flat = parseFlatYaml(text);
    assert.ok(flat.ok);
    assert.deepEqual(Object.fromEntries(flat.values), parseYamlMapping(text));
    assert.deepEqual(parseYamlMapping(text).double, 'tab\there "q" é A');
  });

  it('never puts the text of a bad line in its result', () => {
    const lines = scanYamlLines('secret SECRETVALUE\nkey: "SECRETVALUE \\q"\n');
    assert.equal(JSON.stringify(lines).includes('SECRETVALUE'), false);
  });
});
