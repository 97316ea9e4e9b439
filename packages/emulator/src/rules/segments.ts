/**
 * Billed segments, as the SDK counts them (`countSmsSegments` in `alisms`): mainland 70 characters in
 * one, 67 per part beyond; international GSM-7 160/153 (the extension characters count twice), else
 * UCS-2 70/67. Aliyun bills an empty text as one message.
 */
import { countSmsSegments } from 'alisms';

/** Characters as Aliyun counts a mainland text (code points: an emoji is one). */
export function charCount(text: string): number {
  return countSmsSegments(text).characters;
}

export function mainlandSegments(text: string): number {
  return Math.max(1, countSmsSegments(text).segments);
}

export function internationalSegments(text: string): number {
  return Math.max(1, countSmsSegments(text, { international: true }).segments);
}
