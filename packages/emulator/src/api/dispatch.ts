import type { ServerResponse } from 'node:http';
import type { MessageStore } from '../store/types.js';
import { type AuthContext, authenticateRpcV1, authenticateV3 } from '../verify/authenticate.js';
import { BusinessError, GatewayError } from '../wire/errors.js';
import { newRequestId } from '../wire/ids.js';
import { toRawExchange } from '../wire/raw-exchange.js';
import type { AliyunRequest } from '../wire/request.js';
import { type Body, writeAnswer } from '../wire/respond.js';
import type { EmulatorState, ProductApi } from './context.js';

export interface Dispatcher {
  /** Authenticates, runs the action and answers. */
  answer(res: ServerResponse, request: AliyunRequest): Promise<void>;
  /** Answers with a gateway error (used by fault injection), with extra response headers if given. */
  answerError(res: ServerResponse, request: AliyunRequest, error: GatewayError, headers?: Record<string, string>): void;
}

const DEFAULT_HOST = 'dysmsapi.aliyuncs.com';

function recommend(code: string, requestId: string, product: string): string {
  return `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=${product}&requestId=${requestId}`;
}

/** Routes Aliyun RPC calls on Version + Action to the product APIs and renders every outcome. */
export function createDispatcher(
  products: ProductApi[],
  state: EmulatorState,
  auth: AuthContext,
  log: (line: string) => void = () => {},
): Dispatcher {
  // Dysmsapi and Dypnsapi share the version 2017-05-25: a version names a list, searched in order by
  // Action, so an action both have (QuerySendDetails) stays with the first listed (dysmsapi).
  const byVersion = new Map<string, ProductApi[]>();
  for (const p of products) byVersion.set(p.version, [...(byVersion.get(p.version) ?? []), p]);
  const find = (version: string | undefined, action: string | undefined): ProductApi | undefined => {
    const apis = version === undefined ? undefined : byVersion.get(version);
    if (!apis) return undefined;
    return (action ? apis.find((a) => Object.hasOwn(a.actions, action)) : undefined) ?? apis[0];
  };

  function gatewayBody(error: GatewayError, requestId: string, api: ProductApi | undefined): Body {
    const product = api?.product === 'mail' ? 'Dm' : api?.product === 'dypns' ? 'Dypnsapi' : 'Dysmsapi';
    return {
      RequestId: requestId,
      HostId: api?.host ?? DEFAULT_HOST,
      Code: error.code,
      Message: error.message,
      Recommend: recommend(error.code, requestId, product),
    };
  }

  /** `state` for one call, whose store notes the ids of the messages the call adds. */
  function recording(created: string[]): EmulatorState {
    const { store } = state;
    const add: MessageStore['add'] = async (message) => {
      await store.add(message);
      created.push(message.id);
    };
    // A proxy rather than a hand-written wrapper: every other store method reaches the real store
    // (bound to it), including methods added to MessageStore later.
    const notingStore = new Proxy(store, {
      get(target, key) {
        if (key === 'add') return add;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { ...state, store: notingStore };
  }

  async function run(
    request: AliyunRequest,
    requestId: string,
    callState: EmulatorState,
  ): Promise<{ status: number; body: Body }> {
    let api: ProductApi | undefined;
    try {
      if (!request.action) throw new GatewayError(400, 'MissingAction', 'Action is mandatory for this action.');
      if (!request.version) throw new GatewayError(400, 'MissingVersion', 'Version is mandatory for this action.');
      api = find(request.version, request.action);
      if (!api) throw new GatewayError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
      const handler = Object.hasOwn(api.actions, request.action) ? api.actions[request.action] : undefined;
      if (!handler)
        throw new GatewayError(
          404,
          'InvalidAction.NotFound',
          'Specified api is not found, please check your url and method.',
        );
      const format = request.params.Format;
      if (format !== undefined && !/^(json|xml)$/i.test(format))
        throw new GatewayError(400, 'InvalidParameter.Format', 'Specified parameter format is not valid.');
      const accessKeyId = request.scheme === 'v3' ? authenticateV3(request, auth) : authenticateRpcV1(request, auth);
      const result = await handler({ state: callState, request, params: request.params, accessKeyId, requestId });
      return { status: 200, body: { RequestId: requestId, ...result } };
    } catch (error) {
      if (error instanceof BusinessError && api) {
        const body: Body =
          api.errors === 'response-code'
            ? { RequestId: requestId, ResponseCode: error.code, ResponseDescription: error.message }
            : api.errors === 'code-success'
              ? { RequestId: requestId, Code: error.code, Message: error.message, Success: false }
              : { RequestId: requestId, Code: error.code, Message: error.message };
        return { status: 200, body };
      }
      if (error instanceof GatewayError)
        return { status: error.httpStatus ?? 400, body: gatewayBody(error, requestId, api) };
      // A bug in the emulator, not in the caller: answered like Aliyun's own 500, reported to the log.
      log(
        `${request.action ?? '(no action)'} ${requestId} failed inside the emulator: ${(error as Error).stack ?? error}`,
      );
      const internal = new GatewayError(
        500,
        'InternalError',
        'The request processing has failed due to some unknown error.',
      );
      return { status: 500, body: gatewayBody(internal, requestId, api) };
    }
  }

  return {
    async answer(res, request) {
      const requestId = newRequestId();
      const created: string[] = [];
      const outcome = await run(request, requestId, recording(created));
      // Kept for the inbox's raw view; a call that created nothing (a query, an error) has no message to show it on.
      if (created.length > 0) await state.store.setRaw(created, toRawExchange(request, outcome.status, outcome.body));
      const rootName = outcome.status === 200 ? `${request.action ?? 'Unknown'}Response` : 'Error';
      writeAnswer(res, outcome.status, outcome.body, { xml: request.xml, rootName, requestId });
    },
    answerError(res, request, error, headers) {
      const requestId = newRequestId();
      const api = find(request.version, request.action);
      writeAnswer(res, error.httpStatus ?? 500, gatewayBody(error, requestId, api), {
        xml: request.xml,
        rootName: 'Error',
        requestId,
        ...(headers ? { headers } : {}),
      });
    },
  };
}
