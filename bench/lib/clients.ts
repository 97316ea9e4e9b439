// One factory per benchmarked client. Each returns `send()`, a single SendSms round trip that
// resolves once the response body has been read (and parsed, where the client parses).
// Modules are imported by a computed specifier so that only the client under test is loaded
// into the child process (its RSS and CPU must be its own) and so that type-checking the
// bench does not depend on a built `dist/`.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

export const CLIENT_KINDS = [
  'alisms-v3',
  'alisms-v1',
  'alisms-fetch',
  'official',
  'pop-core',
  'raw-http',
  'raw-undici',
] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export type Send = () => Promise<void>;

const ACCESS_KEY_ID = 'testid';
const ACCESS_KEY_SECRET = 'testsecret';
const PHONE = '13800138000';
const SIGN = '阿里云短信测试';
const TEMPLATE = 'SMS_154950909';
const TEMPLATE_PARAM = '{"code":"1234"}';

async function load<T>(specifier: string): Promise<T> {
  return (await import(specifier)) as T;
}

/** CommonJS packages imported from ESM put `module.exports` on `default`, sometimes twice. */
function interop<T>(mod: unknown, name?: string): T {
  let value = mod as Record<string, unknown>;
  for (let i = 0; i < 2 && value.default !== undefined && (name === undefined || !(name in value)); i++)
    value = value.default as Record<string, unknown>;
  return (name === undefined ? value : value[name]) as T;
}

interface AlismsModule {
  SmsClient: new (options: Record<string, unknown>) => { sendSms(input: Record<string, unknown>): Promise<unknown> };
  createFetchTransport(): { send: unknown };
}

/** alisms with its default transport (node:http), or over `fetch` (the Web build's transport). */
async function alisms(
  url: string,
  signatureVersion: 'v3' | 'v1',
  transport: 'default' | 'fetch' = 'default',
): Promise<Send> {
  // The orchestrator compiles the SDK into a private folder and says where (see prepare.ts).
  const entry = process.env.ALISMS_BENCH_ENTRY;
  if (!entry) throw new Error('ALISMS_BENCH_ENTRY is not set: run the children through bench/sdk.ts');
  const { SmsClient, createFetchTransport } = await load<AlismsModule>(pathToFileURL(entry).href);
  const client = new SmsClient({
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    endpoint: url,
    signatureVersion,
    ...(transport === 'fetch' ? { transport: createFetchTransport().send } : {}),
  });
  const input = { phoneNumbers: PHONE, signName: SIGN, templateCode: TEMPLATE, templateParam: { code: '1234' } };
  return async () => {
    await client.sendSms(input);
  };
}

async function official(url: string): Promise<Send> {
  const mod = await load<unknown>('@alicloud/dysmsapi20170525');
  const Client = interop<new (config: unknown) => { sendSms(request: unknown): Promise<unknown> }>(mod);
  const SendSmsRequest = interop<new (fields: Record<string, string>) => unknown>(mod, 'SendSmsRequest');
  const openapi = await load<unknown>('@alicloud/openapi-core');
  const { Config } = interop<{ Config: new (fields: Record<string, unknown>) => unknown }>(openapi, '$OpenApiUtil');
  const { host } = new URL(url);
  const client = new Client(
    new Config({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, endpoint: host, protocol: 'http' }),
  );
  return async () => {
    await client.sendSms(
      new SendSmsRequest({
        phoneNumbers: PHONE,
        signName: SIGN,
        templateCode: TEMPLATE,
        templateParam: TEMPLATE_PARAM,
      }),
    );
  };
}

async function popCore(url: string): Promise<Send> {
  type RpcClient = new (
    options: Record<string, string>,
  ) => { request(action: string, params: Record<string, string>, options: Record<string, unknown>): Promise<unknown> };
  const RPCClient = interop<RpcClient>(await load<unknown>('@alicloud/pop-core'), 'RPCClient');
  const client = new RPCClient({
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    endpoint: url,
    apiVersion: '2017-05-25',
  });
  const params = { PhoneNumbers: PHONE, SignName: SIGN, TemplateCode: TEMPLATE, TemplateParam: TEMPLATE_PARAM };
  return async () => {
    await client.request('SendSms', params, { method: 'POST' });
  };
}

/** The ceilings send one precomputed request over and over: no signing, no per-call encoding. */
const RAW_PATH = `/?PhoneNumbers=${PHONE}&SignName=${encodeURIComponent(SIGN)}&TemplateCode=${TEMPLATE}&TemplateParam=${encodeURIComponent(TEMPLATE_PARAM)}`;
const RAW_HEADERS = {
  'x-acs-action': 'SendSms',
  'x-acs-version': '2017-05-25',
  'x-acs-date': '2024-01-01T00:00:00Z',
  'x-acs-signature-nonce': 'd0c0b3c1-6a2b-4b5e-9a8e-000000000001',
  'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  authorization: `ACS3-HMAC-SHA256 Credential=${ACCESS_KEY_ID},SignedHeaders=host,Signature=${'0'.repeat(64)}`,
  'content-length': '0',
};

function rawHttp(url: string, concurrency: number): Send {
  const { hostname, port } = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return rawRequest({
    host: hostname,
    port: Number(port),
    method: 'POST',
    path: RAW_PATH,
    headers: RAW_HEADERS,
    agent,
  });
}

/** One fixed request over plain node:http, its JSON answer parsed: the ceiling every client is held against. */
export function rawRequest(options: http.RequestOptions): Send {
  return () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(options, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          JSON.parse(text);
          resolve();
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
}

async function rawUndici(url: string, concurrency: number): Promise<Send> {
  interface Undici {
    Agent: new (options: Record<string, unknown>) => unknown;
    request(
      url: string,
      options: Record<string, unknown>,
    ): Promise<{ statusCode: number; body: { json(): Promise<unknown> } }>;
  }
  const undici = await load<Undici>('undici');
  const dispatcher = new undici.Agent({ connections: concurrency, pipelining: 1 });
  const target = new URL(RAW_PATH, url).href;
  const options = { method: 'POST', headers: RAW_HEADERS, dispatcher };
  return async () => {
    const { body } = await undici.request(target, options);
    await body.json();
  };
}

/** Builds the `send` of one client kind against the server at `url` (`http://127.0.0.1:PORT`). */
export async function makeClient(kind: ClientKind, url: string, concurrency: number): Promise<Send> {
  switch (kind) {
    case 'alisms-v3':
      return alisms(url, 'v3');
    case 'alisms-v1':
      return alisms(url, 'v1');
    case 'alisms-fetch':
      return alisms(url, 'v3', 'fetch');
    case 'official':
      return official(url);
    case 'pop-core':
      return popCore(url);
    case 'raw-http':
      return rawHttp(url, concurrency);
    case 'raw-undici':
      return rawUndici(url, concurrency);
  }
}
