/**
 * How Aliyun bills a text, in one place: the SDK's `countSmsSegments`, bulk's dry run and the
 * emulator's `Segments` answers all count here.
 */

/** How a text is billed: its length as the operator counts it, the number of SMS parts, and the encoding. */
export interface SmsSegments {
  /** Characters as billed (GSM-7 extended characters count 2; UCS-2 counts UTF-16 units). */
  characters: number;
  /** Billed messages: 0 for an empty text. */
  segments: number;
  /** `GSM-7` (international, plain Latin) or `UCS-2` (mainland, or any other character). */
  encoding: 'GSM-7' | 'UCS-2';
}

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENDED = '|^€{}[]~\\\f';
const BASIC = new Set(GSM7_BASIC);
const EXTENDED = new Set(GSM7_EXTENDED);

function split(characters: number, single: number, part: number): number {
  if (characters === 0) return 0;
  return characters <= single ? 1 : Math.ceil(characters / part);
}

/**
 * Counts billed SMS parts. Mainland (default): every character counts 1, ≤ 70 is one message, longer
 * texts go in 67-character parts. International: pure GSM-7 is ≤ 160 / 153 per part with
 * `| ^ € { } [ ] ~ \` counting 2; any other character makes the whole text UCS-2 (≤ 70 / 67).
 * Pass the full text, signature (`【Sign】`) included.
 *
 * @example countSmsSegments('【阿里云】您的验证码是1234') // { characters: 15, segments: 1, encoding: 'UCS-2' }
 */
export function countSmsSegments(text: string, options: { international?: boolean } = {}): SmsSegments {
  if (!options.international) {
    const characters = [...text].length;
    return { characters, segments: split(characters, 70, 67), encoding: 'UCS-2' };
  }
  let gsm = 0;
  for (const c of text) {
    if (BASIC.has(c)) gsm += 1;
    else if (EXTENDED.has(c)) gsm += 2;
    else {
      const characters = text.length; // UTF-16 code units: what UCS-2/UTF-16 messages are billed by
      return { characters, segments: split(characters, 70, 67), encoding: 'UCS-2' };
    }
  }
  return { characters: gsm, segments: split(gsm, 160, 153), encoding: 'GSM-7' };
}
