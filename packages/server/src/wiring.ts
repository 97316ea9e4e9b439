import { resolve } from 'node:path';
import { applyReceipts } from '@alisms/bulk';
import {
  aliyunCaptchaVerifier,
  type CaptchaVerifier,
  cooldown,
  globalDaily,
  hcaptchaVerifier,
  type OtpLimit,
  perDestination,
  perIp,
  perPrefix,
  recaptchaVerifier,
  turnstileVerifier,
  wrongChecksPerIp,
} from '@alisms/otp';
import type { Duration } from 'alisms';
import { ConfigError } from './config/config-error.js';
import type { ServeConfig } from './config/schema.js';
import type { DeliveryStatus } from './receipts/types.js';

// Pieces of the composition root that turn configuration values into library objects.

// The schema checked the shape; the limit names keep the human spelling ("destination-5-per-1h").
export const dur = (value: string | number) => value as Duration;

export function limitsFrom(config: ServeConfig['otp']['limits']): OtpLimit[] {
  return [
    cooldown(dur(config.cooldown)),
    ...config.perDestination.map((r) => perDestination(r.limit, dur(r.window))),
    ...config.perIp.map((r) => perIp(r.limit, dur(r.window))),
    ...config.perPrefix.map((r) => perPrefix(r.limit, dur(r.window))),
    globalDaily(config.globalDaily.limit, { utcOffsetMinutes: config.globalDaily.utcOffsetMinutes }),
  ];
}

export function wrongCheckLimitsFrom(config: ServeConfig['otp']['limits']): OtpLimit[] {
  return config.wrongChecksPerIp.map((r) => wrongChecksPerIp(r.limit, dur(r.window)));
}

export function captchaFrom(config: ServeConfig['captcha']): CaptchaVerifier | undefined {
  if (config.provider === 'none') return undefined;
  const { expectedHostname: host, expectedAction: action } = config;
  // Every provider: its endpoint override and the timeout. Siteverify providers: the hostname and action checks.
  const endpoint = { ...(config.endpoint ? { endpoint: config.endpoint } : {}), timeout: dur(config.timeout) };
  const expected = {
    ...(host === undefined ? {} : { expectedHostnames: typeof host === 'string' ? [host] : host }),
    ...(action === undefined ? {} : { expectedAction: action }),
  };
  if (config.provider === 'aliyun') {
    const [id, secret] = (config.secret ?? '').split(':');
    if (!id || !secret)
      throw new ConfigError('captcha', ['captcha.secret: for aliyun write "<accessKeyId>:<accessKeySecret>"']);
    return aliyunCaptchaVerifier({
      accessKeyId: id,
      accessKeySecret: secret,
      ...endpoint,
      ...(config.siteKey ? { sceneId: config.siteKey } : {}),
    });
  }
  if (!config.secret)
    throw new ConfigError('captcha', [`captcha.secret: required for ${config.provider} (env ALISMS_CAPTCHA_SECRET)`]);
  if (config.provider === 'turnstile') return turnstileVerifier({ secret: config.secret, ...endpoint, ...expected });
  if (config.provider === 'hcaptcha')
    return hcaptchaVerifier({
      secret: config.secret,
      ...endpoint,
      ...expected,
      ...(config.siteKey ? { sitekey: config.siteKey } : {}),
    });
  return recaptchaVerifier({
    secret: config.secret,
    ...endpoint,
    ...expected,
    ...(config.minScore === undefined ? {} : { version: 'v3' as const, minScore: config.minScore }),
  });
}

/** Writes new statuses into bulk jobs' results files (rows matched by BizId + phone). */
export function bulkFeed(
  paths: readonly string[],
  cwd: string,
): ((statuses: DeliveryStatus[]) => Promise<void>) | undefined {
  if (paths.length === 0) return undefined;
  return async (statuses) => {
    const receipts = statuses.map((s) => ({
      biz_id: s.bizId,
      out_id: s.outId,
      phone_number: s.phoneNumber,
      success: s.status === 'delivered',
      err_code: s.errCode,
      err_msg: s.errMsg,
    }));
    for (const path of paths) await applyReceipts(resolve(cwd, path), receipts);
  };
}
