// Where one SendSms's client CPU goes, measured in one process (started by bench/sdk-breakdown.ts):
// `node breakdown-child.js <url> <slices> <sliceMs>`. The ways of sending below take turns in short
// slices, so that the load other programs put on the machine falls on all of them alike; each
// reports the median CPU µs per request of its slices. Prints one JSON line and exits.
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { rawRequest } from './clients.js';

/** What one way of sending costs: median client CPU µs per request, and requests per second. */
export interface BreakdownRow {
  way: string;
  cpuUsPerRequest: number;
  rps: number;
}

interface SignedRequest {
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}
interface HttpRequestShape extends SignedRequest {
  protocol: string;
  hostname: string;
  port: number;
  method: string;
  connectTimeout: number;
  readTimeout: number;
}
interface AlismsModule {
  SmsClient: new (options: Record<string, unknown>) => { sendSms(input: Record<string, unknown>): Promise<unknown> };
  createNodeHttpTransport(): { send(r: HttpRequestShape): Promise<{ body: string }> };
  signV3Request(input: Record<string, unknown>): SignedRequest;
}

type Send = () => Promise<unknown>;

const KEYS = { accessKeyId: 'testid', accessKeySecret: 'testsecret' };
const INPUT = {
  phoneNumbers: '13800138000',
  signName: '阿里云短信测试',
  templateCode: 'SMS_154950909',
  templateParam: { code: '1234' },
};
const QUERY = {
  PhoneNumbers: '13800138000',
  SignName: '阿里云短信测试',
  TemplateCode: 'SMS_154950909',
  TemplateParam: '{"code":"1234"}',
  OutId: 'd0c0b3c1-6a2b-4b5e-9a8e-000000000001',
};
const ANSWER = JSON.stringify({
  RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
  Message: 'OK',
  BizId: '1^0',
  Code: 'OK',
});

async function ways(url: string): Promise<Record<string, Send>> {
  const entry = process.env.ALISMS_BENCH_ENTRY;
  if (!entry) throw new Error('ALISMS_BENCH_ENTRY is not set: run through bench/sdk-breakdown.ts');
  const sdk = (await import(pathToFileURL(entry).href)) as AlismsModule;
  const { hostname, port } = new URL(url);
  // One request signed once: the same bytes alisms sends, without the per-call work.
  const signed = sdk.signV3Request({
    host: `${hostname}:${port}`,
    action: 'SendSms',
    version: '2017-05-25',
    query: QUERY,
    form: undefined,
    credentials: KEYS,
    now: Date.now(),
    nonce: globalThis.crypto.randomUUID(),
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const rawOptions = {
    host: hostname,
    port: Number(port),
    method: 'POST',
    path: signed.path,
    headers: signed.headers,
    agent,
  };
  const transport = sdk.createNodeHttpTransport();
  const request = {
    protocol: 'http:',
    hostname,
    port: Number(port),
    method: 'POST',
    ...signed,
    connectTimeout: 5000,
    readTimeout: 10000,
  };
  const v3 = new sdk.SmsClient({ ...KEYS, endpoint: url });
  const v1 = new sdk.SmsClient({ ...KEYS, endpoint: url, signatureVersion: 'v1' });
  const answered = Promise.resolve({ status: 200, headers: {}, body: ANSWER });
  const noNetwork = new sdk.SmsClient({ ...KEYS, endpoint: url, transport: () => answered });
  return {
    'raw node:http, request signed once': rawRequest(rawOptions),
    'alisms node transport, request signed once': async () => JSON.parse((await transport.send(request)).body),
    'alisms SmsClient.sendSms (V3)': () => v3.sendSms(INPUT),
    'alisms SmsClient.sendSms (v1)': () => v1.sendSms(INPUT),
    'alisms SmsClient.sendSms (V3), no network': () => noNetwork.sendSms(INPUT),
  };
}

/** 64 loops sending one request after the other until `until`; returns the number sent. */
async function drive(send: Send, until: number): Promise<number> {
  let sent = 0;
  const loop = async () => {
    while (performance.now() < until) {
      await send();
      sent++;
    }
  };
  await Promise.all(Array.from({ length: 64 }, loop));
  return sent;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

async function main(): Promise<void> {
  const [url, slicesArg, sliceArg] = process.argv.slice(2);
  if (!url) throw new Error('usage: breakdown-child <url> <slices> <sliceMs>');
  const slices = Number(slicesArg ?? 15);
  const sliceMs = Number(sliceArg ?? 300);
  const all = await ways(url);
  // Warm-up: JIT, sockets.
  for (const send of Object.values(all)) await drive(send, performance.now() + 700);
  const cpu = new Map<string, number[]>();
  const rps = new Map<string, number[]>();
  for (let i = 0; i < slices; i++)
    for (const [way, send] of Object.entries(all)) {
      const before = process.cpuUsage();
      const started = performance.now();
      const sent = await drive(send, started + sliceMs);
      const used = process.cpuUsage(before);
      cpu.set(way, [...(cpu.get(way) ?? []), (used.user + used.system) / sent]);
      rps.set(way, [...(rps.get(way) ?? []), (sent / (performance.now() - started)) * 1000]);
    }
  const rows: BreakdownRow[] = Object.keys(all).map((way) => ({
    way,
    cpuUsPerRequest: median(cpu.get(way) ?? []),
    rps: median(rps.get(way) ?? []),
  }));
  process.stdout.write(`${JSON.stringify(rows)}\n`);
  process.exit(0);
}

await main();
