import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTemplate } from './render-template.js';
import { countSmsSegments } from './segments.js';

describe('countSmsSegments (mainland)', () => {
  it('≤ 70 characters is one message, then 67 per part (spec: 160 → 3)', () => {
    assert.deepEqual(countSmsSegments(''), { characters: 0, segments: 0, encoding: 'UCS-2' });
    assert.equal(countSmsSegments('验'.repeat(70)).segments, 1);
    assert.equal(countSmsSegments('验'.repeat(71)).segments, 2);
    assert.equal(countSmsSegments('a'.repeat(134)).segments, 2);
    assert.equal(countSmsSegments('a'.repeat(135)).segments, 3);
    assert.deepEqual(countSmsSegments('x'.repeat(160)), { characters: 160, segments: 3, encoding: 'UCS-2' });
  });
  it('counts letters, digits, full- and half-width punctuation and the signature brackets as 1 each', () => {
    assert.equal(countSmsSegments('【阿里云】您的验证码是1234，ok!').characters, 19);
  });
});

describe('countSmsSegments (international)', () => {
  const intl = { international: true };
  it('GSM-7: ≤ 160 is one, then 153 per part', () => {
    assert.deepEqual(countSmsSegments('a'.repeat(160), intl), { characters: 160, segments: 1, encoding: 'GSM-7' });
    assert.equal(countSmsSegments('a'.repeat(161), intl).segments, 2);
    assert.equal(countSmsSegments('a'.repeat(306), intl).segments, 2);
    assert.equal(countSmsSegments('a'.repeat(307), intl).segments, 3);
  });
  it('the extended characters | ^ € { } [ ] ~ \\ count 2', () => {
    for (const c of ['|', '^', '€', '{', '}', '[', ']', '~', '\\']) {
      assert.equal(countSmsSegments(`a${c}`, intl).characters, 3, c);
    }
    assert.equal(countSmsSegments(`${'a'.repeat(158)}€`, intl).segments, 1);
    assert.equal(countSmsSegments(`${'a'.repeat(159)}€`, intl).segments, 2);
  });
  it('any other character switches the whole text to UCS-2 (70 / 67)', () => {
    assert.deepEqual(countSmsSegments(`${'a'.repeat(69)}验`, intl), { characters: 70, segments: 1, encoding: 'UCS-2' });
    assert.equal(countSmsSegments(`${'a'.repeat(70)}验`, intl).segments, 2);
    assert.equal(countSmsSegments('Ünïcödé ✓', intl).encoding, 'UCS-2');
    assert.equal(countSmsSegments('Äpfel £5 @ home', intl).encoding, 'GSM-7');
  });
});

describe('renderTemplate', () => {
  it('fills ${var} placeholders and reports missing and unused variables', () => {
    const r = renderTemplate('您好${name}，验证码${code}，${code}分钟内有效${ttl}', { code: '1234', extra: 'x' });
    assert.equal(r.text, '您好${name}，验证码1234，1234分钟内有效${ttl}');
    assert.deepEqual(r.missing, ['name', 'ttl']);
    assert.deepEqual(r.unused, ['extra']);
  });
  it('does not treat inherited object keys as variables', () => {
    assert.deepEqual(renderTemplate('${toString}', {}).missing, ['toString']);
  });
});
