import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from './api/dispatch.js';
import type { FaultRegistry } from './faults/faults.js';
import { GatewayError } from './wire/errors.js';
import { readBody } from './wire/read-body.js';
import { type AliyunRequest, parseAliyunRequest } from './wire/request.js';

export interface AliyunRouteDeps {
  dispatcher: Dispatcher;
  faults: FaultRegistry;
  /** Requests held open by a `timeout` fault; ended when the emulator closes. */
  hanging: Set<ServerResponse>;
  delay(ms: number): Promise<void>;
}

/** The `x-acs-retry-after` of a `throttling` fault without `ms`. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

/** `GET /` and `POST /`: one Aliyun RPC call, with fault injection applied first. */
export async function answerAliyun(
  req: IncomingMessage,
  res: ServerResponse,
  rawQuery: string,
  deps: AliyunRouteDeps,
): Promise<void> {
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
  let request: AliyunRequest;
  try {
    request = parseAliyunRequest(method, req.headers, rawQuery, body);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    // Refused before parsing (too many parameters): answered as JSON, nothing of the request echoed.
    const bare: AliyunRequest = {
      method,
      headers: req.headers,
      query: {},
      params: {},
      body: Buffer.alloc(0),
      scheme: 'rpc',
      action: undefined,
      version: undefined,
      xml: false,
    };
    return deps.dispatcher.answerError(res, bare, error);
  }
  if (method !== 'GET' && method !== 'POST')
    return deps.dispatcher.answerError(
      res,
      request,
      new GatewayError(400, 'UnsupportedHTTPMethod', `Specified HTTP method ${method} is not supported.`),
    );
  const fault = deps.faults.take(request.action);
  if (fault) {
    switch (fault.kind) {
      case 'latency':
        await deps.delay(fault.ms ?? 1000);
        break;
      case 'http5xx': {
        const status = fault.status ?? 503;
        const error =
          status === 503
            ? new GatewayError(
                503,
                'ServiceUnavailable',
                'The request has failed due to a temporary failure of the server.',
              )
            : new GatewayError(status, 'InternalError', 'The request processing has failed due to some unknown error.');
        return deps.dispatcher.answerError(res, request, error);
      }
      case 'throttling':
        // Aliyun's gateway hints the wait in `x-acs-retry-after`, in milliseconds: the official clients
        // (openapi-core `getThrottlingTimeLeft`) and alisms's transport (`retryAfterMs`) both read it so.
        return deps.dispatcher.answerError(
          res,
          request,
          new GatewayError(400, 'Throttling.User', 'Request was denied due to user flow control.'),
          { 'x-acs-retry-after': String(Math.round(fault.ms ?? DEFAULT_RETRY_AFTER_MS)) },
        );
      case 'drop':
        req.socket.destroy();
        return;
      case 'timeout':
        deps.hanging.add(res);
        res.on('close', () => deps.hanging.delete(res));
        return;
    }
  }
  await deps.dispatcher.answer(res, request);
}
