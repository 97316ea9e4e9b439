import { formatTimestamp, newNonce, parseTimestamp, percentEncode } from 'alisms';
import { type CliIo, EXIT, UsageError } from './io.js';
import type { RegisterCommand } from './run.js';
import { collectKeyValue, parseKeyValues } from './shared/key-value.js';
import {
  type SignInput,
  signatureInUrl,
  type V1Report,
  type V3Report,
  v1Report,
  v3Report,
} from './shared/sign-report.js';

interface SignOptions {
  method: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  secretEnv: string;
  action?: string;
  apiVersion?: string;
  timestamp?: string;
  nonce?: string;
  host: string;
  body: string;
  header?: Record<string, string>;
  only?: string;
  json?: boolean;
}

/**
 * `alisms sign`: prints what both signing schemes compute for given parameters, so a
 * `SignatureDoesNotMatch` can be debugged by comparing with the server's string-to-sign.
 */
export const register: RegisterCommand = (program, io, setExit) => {
  program
    .command('sign')
    .summary('print canonical strings, string-to-sign and signatures (v1 and V3) for given params')
    .description('Rebuilds the RPC v1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256) signatures of a request.')
    .addHelpText(
      'after',
      '\nMissing system params (Timestamp, SignatureNonce, ...) are filled in; give them to reproduce a\n' +
        'request exactly. A Signature=... param is compared with ours (exit 1 when it differs). The secret\n' +
        'is read from $ALIBABA_CLOUD_ACCESS_KEY_SECRET (or --secret-env NAME) and is never printed.\n\n' +
        'Examples:\n' +
        '  alisms sign PhoneNumbers=13800138000 SignName=阿里云短信测试 TemplateCode=SMS_154950909\n' +
        '  alisms sign --only v1 -X GET Action=SendSms Timestamp=2026-01-01T00:00:00Z SignatureNonce=abc ...\n',
    )
    .argument('[params...]', 'request parameters as key=value, e.g. Action=SendSms PhoneNumbers=13800138000')
    .option('-X, --method <method>', 'HTTP method the client used', 'POST')
    .option('--access-key-id <id>', 'AccessKey ID (default: $ALIBABA_CLOUD_ACCESS_KEY_ID)')
    .option('--access-key-secret <secret>', 'AccessKey secret (prefer the environment: flags end up in shell history)')
    .option('--secret-env <name>', 'environment variable holding the secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET')
    .option('--action <action>', 'API action when no Action= param is given (default: SendSms)')
    .option('--api-version <version>', 'API version when no Version= param is given (default: 2017-05-25)')
    .option('--timestamp <iso>', 'Timestamp / x-acs-date, yyyy-MM-ddTHH:mm:ssZ (default: now)')
    .option('--nonce <nonce>', 'SignatureNonce / x-acs-signature-nonce (default: a fresh UUID)')
    .option('--host <host>', 'V3 host header, with :port when not default', 'dysmsapi.aliyuncs.com')
    .option('--body <form>', 'V3 raw form body (e.g. SendBatchSms), hashed into x-acs-content-sha256', '')
    .option('-H, --header <name=value>', 'extra signed V3 header, repeatable', collectKeyValue)
    .option('--only <scheme>', 'print only one scheme: v1 or v3')
    .option('--json', 'print JSON instead of text')
    .action((params: string[], options: SignOptions) => {
      const input = buildInput(params, options, io);
      const token = input.securityToken;
      const v1 = options.only === 'v3' ? undefined : v1Report(input);
      const v3 = options.only === 'v1' ? undefined : v3Report(input);
      // The STS token is part of both canonical strings; it is a secret, so it is blanked in what we print.
      const clean = (text: string): string => (token ? blank(text, token) : text);
      io.stdout.write(options.json ? `${clean(JSON.stringify({ v1, v3 }, null, 2))}\n` : clean(formatText(v1, v3)));
      setExit(v1?.givenSignatureMatches === false ? EXIT.apiError : EXIT.ok);
    });
};

function buildInput(params: string[], options: SignOptions, io: CliIo): SignInput {
  if (options.only !== undefined && options.only !== 'v1' && options.only !== 'v3')
    throw new UsageError(`--only must be v1 or v3, got "${options.only}"`);
  const given = parseKeyValues(params);
  const accessKeyId = given.AccessKeyId ?? options.accessKeyId ?? io.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  if (!accessKeyId)
    throw new UsageError('no AccessKey ID: pass AccessKeyId=..., --access-key-id or set ALIBABA_CLOUD_ACCESS_KEY_ID');
  const accessKeySecret = options.accessKeySecret ?? io.env[options.secretEnv];
  if (!accessKeySecret)
    throw new UsageError(`no AccessKey secret: set ${options.secretEnv} (or pass --access-key-secret)`);
  const timestamp = options.timestamp ?? formatTimestamp(Date.now());
  if (parseTimestamp(timestamp) === undefined)
    throw new UsageError(`--timestamp must look like 2026-01-01T00:00:00Z, got "${timestamp}"`);
  return {
    params: given,
    method: options.method.toUpperCase(),
    accessKeyId,
    accessKeySecret,
    securityToken: given.SecurityToken ?? io.env.ALIBABA_CLOUD_SECURITY_TOKEN,
    action: given.Action ?? options.action ?? 'SendSms',
    version: given.Version ?? options.apiVersion ?? '2017-05-25',
    timestamp,
    nonce: options.nonce ?? newNonce(),
    host: options.host,
    body: options.body,
    headers: options.header ?? {},
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function formatText(v1: V1Report | undefined, v3: V3Report | undefined): string {
  const out: string[] = [];
  if (v1) {
    out.push('RPC v1 (HMAC-SHA1, SignatureVersion=1.0)', `  method: ${v1.method}`);
    out.push('  canonical query:', indent(v1.canonicalQuery), '  string to sign:', indent(v1.stringToSign));
    out.push(`  signature: ${v1.signature}`, `  in a URL:  ${signatureInUrl(v1.signature)}`);
    if (v1.givenSignatureMatches !== undefined)
      out.push(`  the given Signature ${v1.givenSignatureMatches ? 'matches' : 'does NOT match'} this one`);
    out.push('');
  }
  if (v3) {
    out.push('V3 (ACS3-HMAC-SHA256)', `  method: ${v3.method}`);
    out.push('  canonical request:', indent(v3.canonicalRequest), '  string to sign:', indent(v3.stringToSign));
    out.push(`  signature: ${v3.signature}`, `  authorization: ${v3.authorization}`, '');
  }
  out.push('Compare with the "string to sign" in the server\'s SignatureDoesNotMatch message: the first');
  out.push('difference shows the parameter, encoding or header that differs. The secret is not shown.', '');
  return out.join('\n');
}

/** Removes `secret` as sent, percent-encoded once (canonical query) and twice (v1 string-to-sign). */
function blank(text: string, secret: string): string {
  const once = percentEncode(secret);
  let out = text;
  for (const form of [percentEncode(once), once, secret]) out = out.split(form).join('[REDACTED]');
  return out;
}
