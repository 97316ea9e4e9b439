/** Published on `alisms:request:start` when an attempt is about to be sent. */
export interface RequestStartMessage {
  /** Aliyun action, e.g. `SendSms`. */
  action: string;
  /** Product, e.g. `dysmsapi`. */
  product: string;
  /** API version, e.g. `2017-05-25`. */
  version: string;
  /** `host[:port]` the request goes to. */
  host: string;
  /** 0 for the first try, 1 for the first retry, … */
  attempt: number;
}

/** Published on `alisms:request:end` when an answer (any status) has been read. */
export interface RequestEndMessage extends RequestStartMessage {
  /** ms from start to the end of the answer. */
  durationMs: number;
  status: number;
  /** Aliyun RequestId of the answer, '' when it had none. */
  requestId: string;
  /** Aliyun `Code` for a refusal (`OK` or undefined for a success). */
  code: string | undefined;
}

/** Published on `alisms:request:error` when no answer was received. */
export interface RequestErrorMessage extends RequestStartMessage {
  durationMs: number;
  /** The error's code, e.g. `ECONNREFUSED`, `ALISMS_READ_TIMEOUT`. */
  code: string;
  /** The error's class name, e.g. `TimeoutError`. */
  errorName: string;
  /** Whether request bytes may have reached the server. */
  requestSent: boolean;
}

/** How the client publishes; the Node build over diagnostics_channel, the Web build a no-op. */
export interface RequestDiagnostics {
  readonly active: boolean;
  start(message: RequestStartMessage): void;
  end(message: RequestEndMessage): void;
  error(message: RequestErrorMessage): void;
}
