import type { Clock } from 'alisms';
import type { EmulatorConfig } from '../config/resolve.js';
import type { Catalog } from '../rules/catalog.js';
import type { Conversions } from '../rules/conversions.js';
import type { DailyCap, FlowControl } from '../rules/flow-control.js';
import type { VerifyCodes } from '../rules/verify-codes.js';
import type { MessageProduct, MessageStore } from '../store/types.js';
import { missing } from '../wire/errors.js';
import type { AliyunRequest } from '../wire/request.js';
import type { Body } from '../wire/respond.js';

/** Everything an action handler may use: one emulator's state, never module-level. */
export interface EmulatorState {
  config: EmulatorConfig;
  store: MessageStore;
  clock: Clock;
  catalog: Catalog;
  flow: FlowControl;
  dailyCap: DailyCap;
  /** Conversion feedback received (SmsConversionIntl, ConversionDataIntl). */
  conversions: Conversions;
  /** Dypnsapi's verification codes per scheme + number. */
  verifyCodes: VerifyCodes;
  /** When the emulator started (epoch ms): the creation time of what it did not get from a call. */
  startedAt: number;
  /** Monotonic, URL-safe message ids. */
  nextMessageId(): string;
}

export interface ActionContext {
  state: EmulatorState;
  request: AliyunRequest;
  params: Record<string, string>;
  accessKeyId: string;
  /** The RequestId the answer will carry (Dypns repeats it inside `Model`). */
  requestId: string;
}

export type ActionHandler = (ctx: ActionContext) => Promise<Body> | Body;

/** One API version of one product. `errors` says how business failures are reported. */
export interface ProductApi {
  product: MessageProduct;
  version: string;
  /** The endpoint Aliyun names in `HostId`. */
  host: string;
  /**
   * `code`: HTTP 200 + Code/Message; `code-success`: the same plus `Success: false` (Dypnsapi);
   * `response-code`: HTTP 200 + ResponseCode/ResponseDescription.
   */
  errors: 'code' | 'code-success' | 'response-code';
  actions: Record<string, ActionHandler>;
}

/** A required parameter: present and non-empty, or `Missing<Name>`. */
export function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw missing(name);
  return value;
}
