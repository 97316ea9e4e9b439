import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countSmsSegments } from 'alisms';
import { charCount, internationalSegments, mainlandSegments } from './segments.js';

const TEXTS = [
  '【阿里云】您的验证码是1234',
  '验'.repeat(70),
  '验'.repeat(71),
  'a'.repeat(160),
  'a'.repeat(161),
  '{}'.repeat(80),
  // UCS-2 bills UTF-16 units: 36 emoji are 72 units, two international parts.
  '😀'.repeat(36),
  `Your code is 1234 ${'é'.repeat(50)}€`,
];

describe('emulator segments', () => {
  it('answers the segments the SDK predicts (countSmsSegments)', () => {
    for (const text of TEXTS) {
      assert.equal(mainlandSegments(text), countSmsSegments(text).segments, text);
      assert.equal(internationalSegments(text), countSmsSegments(text, { international: true }).segments, text);
    }
    assert.equal(internationalSegments('😀'.repeat(36)), 2);
  });

  it('counts mainland characters as code points and bills an empty text as one', () => {
    assert.equal(charCount('😀a'), 2);
    assert.equal(mainlandSegments(''), 1);
  });
});
