// A minimal Aliyun-shaped loopback server for the SDK's integration tests. It verifies every
// signature with src/sign (so a request-building bug fails here) and answers like Aliyun.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { verifyRpcV1 } from '../src/sign/rpc-v1.js';
import { parseV3Authorization, verifyV3 } from '../src/sign/v3.js';

export const TEST_KEY_ID = 'testid';
export const TEST_KEY_SECRET = 'testsecret';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Query and form body merged, decoded. */
  params: Record<string, string>;
  query: Record<string, string>;
  form: Record<string, string>;
  action: string;
  version: string;
  scheme: 'v3' | 'v1';
  /** Which socket carried it (counts connections). */
  socketId: number;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * `hang`: accept and never answer; `destroy`: drop the connection after reading the request;
 * `truncate`: send the headers and half a body, then drop the connection.
 */
export type Responder = (req: ReceivedRequest) => Reply | 'hang' | 'destroy' | 'truncate' | undefined;

export interface LoopbackServer {
  url: string;
  requests: ReceivedRequest[];
  /** Number of TCP connections accepted so far. */
  connections(): number;
  /** Replace the answer logic; return undefined to fall back to the defaults. */
  respond(responder: Responder | undefined): void;
  close(): Promise<void>;
}

function parsePairs(text: string, plusIsSpace: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const dec = (s: string) => decodeURIComponent(plusIsSpace ? s.replace(/\+/g, ' ') : s);
    out[dec(rawName)] = dec(rawValue);
  }
  return out;
}

function signatureError(code: string): Reply {
  return {
    status: 400,
    body: { Code: code, Message: 'Specified signature does not match our calculation.', RequestId: 'SIG-ERR' },
  };
}

/** Checks the signature; returns an error reply when it does not verify. */
function verify(req: ReceivedRequest): Reply | undefined {
  if (req.scheme === 'v3') {
    const auth = parseV3Authorization(String(req.headers.authorization));
    if (!auth || auth.accessKeyId !== TEST_KEY_ID) return signatureError('IncompleteSignature');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const ok = verifyV3(
      { method: req.method, path: '/', query: req.query, headers, body: req.body },
      auth,
      TEST_KEY_SECRET,
    );
    return ok.ok ? undefined : signatureError('SignatureDoesNotMatch');
  }
  if (req.params.AccessKeyId !== TEST_KEY_ID) return signatureError('InvalidAccessKeyId.NotFound');
  const signature = req.params.Signature ?? '';
  const ok = verifyRpcV1({ method: req.method, params: req.params, accessKeySecret: TEST_KEY_SECRET, signature });
  return ok.ok ? undefined : signatureError('SignatureDoesNotMatch');
}

let requestCounter = 0;

/** Aliyun-shaped success bodies per action. */
export function defaultReply(req: ReceivedRequest): Reply {
  const RequestId = `REQ-${++requestCounter}`;
  const p = req.params;
  switch (req.action) {
    case 'SendSms':
    case 'SendBatchSms':
      return { body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId } };
    case 'QuerySendDetails': {
      const total = 3;
      const size = Number(p.PageSize);
      const page = Number(p.CurrentPage);
      const rows = [];
      for (let i = (page - 1) * size; i < Math.min(total, page * size); i++)
        rows.push({
          PhoneNum: p.PhoneNumber,
          SendStatus: 3,
          ErrCode: 'DELIVERED',
          TemplateCode: 'SMS_154950909',
          Content: `【阿里云短信测试】${i}`,
          SendDate: '2026-01-08 16:44:10',
          ReceiveDate: '2026-01-08 16:44:13',
          OutId: `out-${i}`,
        });
      return {
        body: {
          Code: 'OK',
          Message: 'OK',
          RequestId,
          TotalCount: total,
          SmsSendDetailDTOs: { SmsSendDetailDTO: rows },
        },
      };
    }
    case 'QuerySendStatistics':
      return {
        body: {
          Code: 'OK',
          RequestId,
          Data: {
            TotalSize: 1,
            TargetList: [
              {
                SendDate: p.StartDate,
                TotalCount: 5,
                RespondedSuccessCount: 4,
                RespondedFailCount: 1,
                NoRespondedCount: 0,
              },
            ],
          },
        },
      };
    case 'AddSmsSign':
    case 'ModifySmsSign':
    case 'DeleteSmsSign':
      return { body: { Code: 'OK', Message: 'OK', RequestId, SignName: p.SignName } };
    case 'QuerySmsSign':
      return {
        body: {
          Code: 'OK',
          RequestId,
          SignName: p.SignName,
          SignStatus: 1,
          Reason: '',
          CreateDate: '2026-01-02 03:04:05',
        },
      };
    case 'QuerySmsSignList':
      return {
        body: {
          Code: 'OK',
          RequestId,
          TotalCount: 1,
          CurrentPage: Number(p.PageIndex),
          PageSize: Number(p.PageSize),
          SmsSignList: [
            {
              SignName: 'S',
              AuditStatus: 'AUDIT_STATE_PASS',
              CreateDate: '2026-01-02 03:04:05',
              Reason: { RejectInfo: 'x' },
            },
          ],
        },
      };
    case 'AddSmsTemplate':
      return { body: { Code: 'OK', RequestId, TemplateCode: 'SMS_1000001' } };
    case 'ModifySmsTemplate':
    case 'DeleteSmsTemplate':
      return { body: { Code: 'OK', RequestId, TemplateCode: p.TemplateCode } };
    case 'QuerySmsTemplate':
      return {
        body: {
          Code: 'OK',
          RequestId,
          TemplateCode: p.TemplateCode,
          TemplateName: 'n',
          TemplateContent: 'code ${code}',
          TemplateType: 0,
          TemplateStatus: 1,
          CreateDate: '2026-01-02 03:04:05',
        },
      };
    case 'QuerySmsTemplateList':
      return {
        body: {
          Code: 'OK',
          RequestId,
          TotalCount: 1,
          CurrentPage: 1,
          PageSize: 10,
          SmsTemplateList: [
            { TemplateCode: 'SMS_1', TemplateName: 'n', OuterTemplateType: 0, AuditStatus: 'AUDIT_STATE_PASS' },
          ],
        },
      };
    case 'SendMessageToGlobe':
    case 'SendMessageWithTemplate':
      return {
        body: {
          ResponseCode: 'OK',
          ResponseDescription: 'The SMS Send Request was accepted',
          MessageId: '1008030300',
          Segments: '2',
          To: p.To,
          From: p.From,
          NumberDetail: { Country: 'Hong Kong', Region: 'HongKong', Carrier: 'CMI' },
          RequestId,
        },
      };
    case 'BatchSendMessageToGlobe':
      return {
        body: {
          ResponseCode: 'OK',
          ResponseDescription: 'OK',
          MessageIdList: '["1","2"]',
          FailedList: '[]',
          SuccessCount: '2',
          From: p.From,
          RequestId,
        },
      };
    case 'QueryMessage':
      return {
        body: {
          ResponseCode: 'OK',
          MessageId: p.MessageId,
          To: '85212345678',
          Message: 'hi',
          Status: '1',
          ErrorCode: 'DELIVERED',
          ErrorDescription: 'success',
          SendDate: 'Mon, 24 Dec 2018 16:58:22 +0800',
          ReceiveDate: 'Mon, 24 Dec 2018 16:58:30 +0800',
          RequestId,
        },
      };
    case 'SingleSendMail':
    case 'BatchSendMail':
      return { body: { EnvId: '600000123', RequestId } };
    default:
      return {
        status: 404,
        body: { Code: 'InvalidAction.NotFound', Message: 'Specified api is not found', RequestId },
      };
  }
}

/** Starts the server on 127.0.0.1, port 0. `verify: false` answers without checking signatures. */
export async function startLoopbackServer(options: { verify?: boolean } = {}): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const socketIds = new WeakMap<Socket, number>();
  let connections = 0;
  let responder: Responder | undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const query = parsePairs(q < 0 ? '' : url.slice(q + 1), false);
      const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
        ? parsePairs(body, true)
        : {};
      const params = { ...form, ...query };
      const scheme = req.headers.authorization ? 'v3' : 'v1';
      const received: ReceivedRequest = {
        method: req.method ?? 'GET',
        url,
        headers: req.headers,
        body,
        params,
        query,
        form,
        action: scheme === 'v3' ? String(req.headers['x-acs-action']) : (params.Action ?? ''),
        version: scheme === 'v3' ? String(req.headers['x-acs-version']) : (params.Version ?? ''),
        scheme,
        socketId: socketIds.get(req.socket) ?? -1,
      };
      requests.push(received);
      const custom = responder?.(received);
      if (custom === 'hang') return;
      if (custom === 'destroy') {
        req.socket.destroy();
        return;
      }
      if (custom === 'truncate') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"Code":"OK","Req');
        setImmediate(() => req.socket.destroy());
        return;
      }
      const reply = (options.verify === false ? undefined : verify(received)) ?? custom ?? defaultReply(received);
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, {
        'content-type': typeof reply.body === 'string' ? 'text/html' : 'application/json;charset=utf-8',
        ...reply.headers,
      });
      res.end(text);
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    socketIds.set(socket, connections);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    respond(r) {
      responder = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
