import { InvalidArgumentError } from 'alisms';
import { type PostJson, type PushOutcome, postJson } from './post-json.js';
import { formatReportTime } from './time-format.js';

/** A reply (MO message) from a phone, to push as SmsUp. */
export interface SmsUpInput {
  /** The number that replies, e.g. `13800138000`. */
  phoneNumber: string;
  /** The reply text. */
  content: string;
  /** Extension code the reply was sent to (Aliyun assigns it per sign); default empty. */
  destCode?: string;
  /** Carrier sequence number; default: unique per call. */
  sequenceId?: string;
  /** Older receivers read the sign the reply answers; sent only when given. */
  signName?: string;
}

/** One item of an SmsUp push (spec 5.1); the body is an array of these. */
export interface SmsUpItem {
  phone_number: string;
  content: string;
  send_time: string;
  dest_code: string;
  sequence_id: string;
  sign_name?: string;
}

export function toSmsUpItem(input: SmsUpInput, now: number, fallbackSequenceId: string): SmsUpItem {
  if (!input.phoneNumber) throw new InvalidArgumentError('phoneNumber', 'the replying number is required');
  if (typeof input.content !== 'string') throw new InvalidArgumentError('content', 'the reply text is required');
  return {
    phone_number: input.phoneNumber,
    content: input.content,
    send_time: formatReportTime(now),
    dest_code: input.destCode ?? '',
    sequence_id: input.sequenceId ?? fallbackSequenceId,
    ...(input.signName === undefined ? {} : { sign_name: input.signName }),
  };
}

export interface PushSmsUpOptions {
  /** The SmsUp receiver. */
  url: string;
  /** Epoch ms used as `send_time`. */
  now: number;
  timeoutMs?: number;
  post?: PostJson;
}

/**
 * POSTs one SmsUp push (`[item]`) once and reports whether the receiver acknowledged it. No retry:
 * whoever simulates the reply sees the outcome directly.
 */
export async function pushSmsUp(input: SmsUpInput, options: PushSmsUpOptions): Promise<PushOutcome> {
  const item = toSmsUpItem(input, options.now, `${options.now}${Math.floor(Math.random() * 1000)}`);
  return (options.post ?? postJson)(options.url, [item], options.timeoutMs ?? 5000);
}
