/** Template text helpers for validation and billing estimates. */

const VARIABLE = /\$\{([A-Za-z0-9_]+)\}/g;

/** The variable names of a template text, in order of first appearance. */
export function templateVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(VARIABLE)) names.add(match[1] as string);
  return [...names];
}

/** Renders `【sign】` + the template with `params` filled in, as the recipient sees it. */
export function renderMessage(sign: string, text: string, params: Record<string, string>): string {
  return `【${sign}】${text.replace(VARIABLE, (_, name: string) => params[name] ?? '')}`;
}

const GSM7 =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENDED = '|^€{}[]~\\';

/**
 * Billed segments of one message: mainland counts every character as 1 (≤ 70 is one message, then
 * 67 per segment); international uses GSM-7 (160 / 153, extended characters count 2) or UCS-2 (70 / 67).
 */
export function countSegments(message: string, mainland: boolean): number {
  const chars = Array.from(message);
  if (!mainland) {
    let septets = 0;
    let gsm = true;
    for (const ch of chars) {
      if (GSM7.includes(ch)) septets += 1;
      else if (GSM7_EXTENDED.includes(ch)) septets += 2;
      else {
        gsm = false;
        break;
      }
    }
    if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  return chars.length <= 70 ? 1 : Math.ceil(chars.length / 67);
}

/** Aliyun rejects messages longer than this (sign included). */
export const MAX_MESSAGE_CHARS = 500;
