/**
 * Billed segments. Mainland: 70 characters in one, 67 per part beyond. International: GSM-7 160/153
 * (the extension characters count twice), else UCS-2 70/67.
 */
/** Characters as Aliyun counts them (code points: an emoji is one), without allocating an array. */
export function charCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) count--;
  }
  return count;
}

export function mainlandSegments(text: string): number {
  const length = charCount(text);
  return length <= 70 ? 1 : Math.ceil(length / 67);
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '|^€{}[]~\\\f';

export function internationalSegments(text: string): number {
  let units = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) units += 1;
    else if (GSM_EXTENDED.includes(ch)) units += 2;
    else {
      const length = [...text].length;
      return length <= 70 ? 1 : Math.ceil(length / 67);
    }
  }
  return units <= 160 ? 1 : Math.ceil(units / 153);
}
