// Local stand-ins for the captcha providers, answering in each provider's real response format
// (fields and error codes from the providers' documentation). Tokens are single use, like the real ones.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { verifyRpcV1 } from 'alisms';

export const TURNSTILE = {
  pass: '1x0000000000000000000000000000000AA',
  fail: '2x0000000000000000000000000000000AA',
  spent: '3x0000000000000000000000000000000AA',
  dummyToken: 'XXXX.DUMMY.TOKEN.XXXX',
};
export const HCAPTCHA = {
  secret: '0x0000000000000000000000000000000000000000',
  sitekey: '10000000-ffff-ffff-ffff-000000000001',
  token: '10000000-aaaa-bbbb-cccc-000000000001',
};
export const RECAPTCHA_SECRET = '6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe';
export const ALIYUN = { accessKeyId: 'testid', accessKeySecret: 'testsecret', sceneId: 'scene1' };

export interface FakeProviders {
  url: string;
  /** Every request body the fakes received, by route. */
  received: Record<string, Record<string, string>[]>;
  close(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('json')) return JSON.parse(text) as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(text));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const now = () => new Date().toISOString();

export async function startFakeProviders(): Promise<FakeProviders> {
  const seen = new Set<string>();
  const received: Record<string, Record<string, string>[]> = {};
  const hanging = new Set<ServerResponse>();
  const firstUse = (route: string, token: string) => {
    const key = `${route}:${token}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };

  const routes: Record<string, (form: Record<string, string>, res: ServerResponse) => void> = {
    '/turnstile/v0/siteverify': (form, res) => {
      const base = { challenge_ts: now(), hostname: 'example.com', action: 'login', cdata: '' };
      if (!form.secret) return json(res, 200, { success: false, 'error-codes': ['missing-input-secret'] });
      if (!form.response) return json(res, 200, { success: false, 'error-codes': ['missing-input-response'] });
      if (form.secret === TURNSTILE.fail)
        return json(res, 200, { success: false, 'error-codes': ['invalid-input-response'] });
      if (form.secret === TURNSTILE.spent)
        return json(res, 200, { success: false, 'error-codes': ['timeout-or-duplicate'] });
      if (form.secret !== TURNSTILE.pass)
        return json(res, 200, { success: false, 'error-codes': ['invalid-input-secret'] });
      if (form.response !== TURNSTILE.dummyToken && !form.response.startsWith('action:'))
        return json(res, 200, { success: false, 'error-codes': ['invalid-input-response'] });
      if (!firstUse('turnstile', form.response))
        return json(res, 200, { success: false, 'error-codes': ['timeout-or-duplicate'] });
      const action = form.response.startsWith('action:') ? form.response.slice(7) : base.action;
      return json(res, 200, { success: true, 'error-codes': [], ...base, action });
    },
    '/siteverify': (form, res) => {
      if (form.secret !== HCAPTCHA.secret)
        return json(res, 200, { success: false, 'error-codes': ['invalid-input-secret'] });
      if (form.sitekey && form.sitekey !== HCAPTCHA.sitekey)
        return json(res, 200, { success: false, 'error-codes': ['sitekey-secret-mismatch'] });
      const [token, score] = (form.response ?? '').split('#');
      if (token !== HCAPTCHA.token)
        return json(res, 200, { success: false, 'error-codes': ['invalid-input-response'] });
      if (!firstUse('hcaptcha', form.response ?? ''))
        return json(res, 200, { success: false, 'error-codes': ['invalid-or-already-seen-response'] });
      const enterprise = score === undefined ? {} : { score: Number(score), score_reason: [] };
      return json(res, 200, {
        success: true,
        challenge_ts: now(),
        hostname: 'example.com',
        credit: false,
        ...enterprise,
      });
    },
    '/recaptcha/api/siteverify': (form, res) => {
      if (form.secret !== RECAPTCHA_SECRET)
        return json(res, 200, { success: false, 'error-codes': ['invalid-input-secret'] });
      // Tokens: "v2-ok…" (no score), or "v3-<score>-<action>".
      const token = form.response ?? '';
      const v3 = /^v3-([\d.]+)-(\w+)$/.exec(token);
      if (!token.startsWith('v2-ok') && !v3)
        return json(res, 200, { success: false, 'error-codes': ['invalid-input-response'] });
      if (!firstUse('recaptcha', token))
        return json(res, 200, { success: false, 'error-codes': ['timeout-or-duplicate'] });
      const extra = v3 ? { score: Number(v3[1]), action: v3[2] } : {};
      return json(res, 200, { success: true, challenge_ts: now(), hostname: 'example.com', ...extra });
    },
    '/aliyun/': (form, res) => {
      const requestId = 'B9A6E6D9-0000-4000-8000-000000000001';
      const { Signature: signature, ...params } = form;
      const verified =
        params.AccessKeyId === ALIYUN.accessKeyId &&
        signature !== undefined &&
        verifyRpcV1({ method: 'POST', params, accessKeySecret: ALIYUN.accessKeySecret, signature }).ok;
      if (!verified)
        return json(res, 400, {
          RequestId: requestId,
          HostId: 'captcha.cn-shanghai.aliyuncs.com',
          Code: 'SignatureDoesNotMatch',
          Message: 'Specified signature does not match our calculation.',
        });
      if (params.Action !== 'VerifyIntelligentCaptcha' || params.Version !== '2023-03-05')
        return json(res, 404, {
          RequestId: requestId,
          Code: 'InvalidAction.NotFound',
          Message: 'Specified api is not found.',
        });
      const param = params.CaptchaVerifyParam ?? '';
      let verifyCode = 'F003';
      if (!param) verifyCode = 'F002';
      else if (params.SceneId && params.SceneId !== ALIYUN.sceneId) verifyCode = 'F012';
      else if (param === 'attack') verifyCode = 'F001';
      else if (param.startsWith('pass')) verifyCode = firstUse('aliyun', param) ? 'T001' : 'F008';
      const ok = verifyCode.startsWith('T');
      return json(res, 200, {
        RequestId: requestId,
        Code: 'Success',
        Message: 'success',
        Success: true,
        Result: { VerifyResult: ok, VerifyCode: verifyCode },
      });
    },
  };

  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/hang') {
      hanging.add(res);
      return;
    }
    if (path === '/html')
      return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
    const route = routes[path];
    if (!route || req.method !== 'POST') return json(res, 404, { error: 'not found' });
    const form = await readForm(req);
    const list = received[path] ?? [];
    received[path] = list;
    list.push(form);
    route(form, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
