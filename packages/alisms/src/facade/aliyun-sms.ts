import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { SmsClient } from '../sms/sms-client.js';
import type { QuerySendDetailsResult, SendSmsResult } from '../sms/types.js';
import { hmac64 } from './hmac64.js';
import { type ConfigMapping, type ConfigScalar, parseConfig } from './parse-config.js';
import { rpcStringToSign } from './rpc-string-to-sign.js';

/** The options `SmsClient` takes (endpoint, timeouts, retries, credentials, signatureVersion, …). */
/** The options of `SmsClient`, which `AliyunSMS` extends. */
export type SmsClientOptions = NonNullable<ConstructorParameters<typeof SmsClient>[0]>;

/**
 * Options of {@link AliyunSMS}: the Python constructor's arguments in camelCase, plus everything
 * `SmsClient` accepts. Values given here win over the config file's.
 */
export interface AliyunSMSOptions extends SmsClientOptions {
  /**
   * Python's `config_file`: YAML with `access_key_id`, `access_key_secret`, `region_id`, `host`
   * at the top level (or, as in the package's early `config.yml`, under `SMS_params:`).
   */
  configFile?: string | undefined;
  /**
   * Python's `host`: the endpoint URL, e.g. `https://dysmsapi.aliyuncs.com`. Same as `endpoint`.
   * @default env `ALISMS_ENDPOINT`, else `https://dysmsapi.aliyuncs.com` (Python used plain `http://`)
   */
  host?: string | undefined;
}

/** Extra SendSms parameters: Python's `**kwargs` (`OutId=`, `SmsUpExtendCode=`) or their camelCase names. */
export interface SendSmsExtra {
  outId?: string;
  smsUpExtendCode?: string;
  OutId?: string;
  SmsUpExtendCode?: string;
}

/** Template variables as Python callers pass them; numbers and booleans are sent as strings. */
export type FacadeTemplateParams = Readonly<Record<string, string | number | boolean>>;

function configString(mapping: ConfigMapping | Record<string, ConfigScalar>, key: string): string | undefined {
  const value = mapping[key];
  return value === null || value === undefined || typeof value === 'object' ? undefined : String(value);
}

/** The four keys the Python constructor reads: top level first, then the `SMS_params:` section. */
function readConfigFile(
  file: string,
): Partial<Record<'accessKeyId' | 'accessKeySecret' | 'regionId' | 'host', string>> {
  const all = parseConfig(file) as ConfigMapping;
  const nested = all.SMS_params;
  const section =
    configString(all, 'access_key_id') === undefined && nested && typeof nested === 'object' ? nested : all;
  const out: Partial<Record<'accessKeyId' | 'accessKeySecret' | 'regionId' | 'host', string>> = {};
  const pairs = [
    ['accessKeyId', 'access_key_id'],
    ['accessKeySecret', 'access_key_secret'],
    ['regionId', 'region_id'],
    ['host', 'host'],
  ] as const;
  for (const [name, key] of pairs) {
    const value = configString(section, key);
    if (value) out[name] = value;
  }
  return out;
}

/** The keyword arguments Aliyun's SendSms knows beside the positional ones, in both spellings. */
const KNOWN_EXTRA = new Set(['outId', 'OutId', 'smsUpExtendCode', 'SmsUpExtendCode']);

function stringifyParams(params: FacadeTemplateParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) out[key] = String(value);
  return out;
}

/**
 * `AliyunSMS`, shaped like the Python `alisms` package's class, for people porting code from it.
 * It is a thin layer over {@link SmsClient}: every call is signed afresh (new nonce and timestamp),
 * carries only its own parameters, and encodes a space as `%20`. Results are `SmsClient`'s typed
 * results (the Aliyun body is on `.raw`); a `Code` other than `OK` throws `AliyunApiError`.
 *
 * @example
 * const sms = new AliyunSMS({ configFile: 'alisms.yml' });
 * const { bizId } = await sms.sendSms('13800138000', '阿里云短信测试', 'SMS_154950909', { code: '1234' });
 * const { details } = await sms.queryDetails('13800138000', bizId);
 */
export class AliyunSMS {
  /** The client doing the work; use it directly for everything the Python class did not have. */
  readonly client: SmsClient;
  readonly #accessKeySecret: string | undefined;

  constructor(options: AliyunSMSOptions | string = {}) {
    // The Python package's first positional argument is the config file: `AliyunSMS('alisms.yml')`.
    const { configFile, host, ...clientOptions } = typeof options === 'string' ? { configFile: options } : options;
    const fromFile = configFile === undefined ? {} : readConfigFile(configFile);
    const accessKeyId = clientOptions.accessKeyId ?? fromFile.accessKeyId;
    const accessKeySecret = clientOptions.accessKeySecret ?? fromFile.accessKeySecret;
    this.#accessKeySecret = accessKeySecret;
    this.client = new SmsClient({
      ...clientOptions,
      accessKeyId,
      accessKeySecret,
      regionId: clientOptions.regionId ?? fromFile.regionId,
      endpoint: clientOptions.endpoint ?? host ?? fromFile.host,
    });
  }

  /**
   * RPC v1 signature (base64 HMAC-SHA1, key `secret&`) of `params`, as Python's
   * `generate_signature(params, method='GET', url='/')` — but over the parameters sorted by name
   * (Python signs them in the order given) and with a space encoded as `%20` (Python: `+`).
   * `Signature` itself is never signed. Needs the secret given to the constructor (or config file).
   *
   * @example
   * sms.generateSignature({ Action: 'SendSms', ... }) // 'zJDF+Lrzhj/ThnlvIToysFRq6t4=' for the official example
   */
  generateSignature(params: Readonly<Record<string, string | number>>, method = 'GET', url = '/'): string {
    if (params === null || typeof params !== 'object')
      throw new InvalidArgumentError('params', 'generateSignature needs the request parameters as an object');
    if (!this.#accessKeySecret)
      throw new InvalidArgumentError(
        'accessKeySecret',
        'generateSignature needs the secret: pass accessKeySecret (or a configFile) to the constructor',
      );
    return hmac64(rpcStringToSign(params, method, url), `${this.#accessKeySecret}&`);
  }

  /**
   * SendSms, as Python's `send_sms(phone_numbers, sign_name, template_code, template_params=None, **kwargs)`.
   * `phoneNumbers` may be an array (Python's docs promised this; its code needed a comma-joined string).
   * Without `templateParams` no `TemplateParam` is sent (Python sent the string `null`).
   */
  async sendSms(
    phoneNumbers: string | readonly string[],
    signName: string,
    templateCode: string,
    templateParams?: FacadeTemplateParams | null,
    extra: SendSmsExtra = {},
  ): Promise<SendSmsResult> {
    for (const key of Object.keys(extra ?? {}))
      if (!KNOWN_EXTRA.has(key))
        throw new InvalidArgumentError(
          key,
          'SendSms takes only OutId and SmsUpExtendCode besides the positional arguments (outId/smsUpExtendCode too)',
        );
    const outId = extra.outId ?? extra.OutId;
    const smsUpExtendCode = extra.smsUpExtendCode ?? extra.SmsUpExtendCode;
    return this.client.sendSms({
      phoneNumbers,
      signName,
      templateCode,
      ...(templateParams ? { templateParam: stringifyParams(templateParams) } : {}),
      ...(outId === undefined ? {} : { outId }),
      ...(smsUpExtendCode === undefined ? {} : { smsUpExtendCode }),
    });
  }

  /**
   * QuerySendDetails, as Python's `query_details(phone_number, serial_number='', send_date='',
   * page_size='10', current_page='1')`. `serialNumber` is the BizId (omitted when empty);
   * `sendDate` is `yyyyMMdd` or a Date and defaults to today in China time (Python sent it empty).
   */
  async queryDetails(
    phoneNumber: string,
    serialNumber = '',
    sendDate: string | Date = '',
    pageSize: number | string = 10,
    currentPage: number | string = 1,
  ): Promise<QuerySendDetailsResult> {
    return this.client.querySendDetails({
      phoneNumber,
      sendDate: sendDate === '' ? new Date() : sendDate,
      pageSize: Number(pageSize),
      currentPage: Number(currentPage),
      ...(serialNumber ? { bizId: serialNumber } : {}),
    });
  }

  /** Closes the client's keep-alive connections (Python's `requests.get` opened one per call). */
  close(): void {
    this.client.close();
  }
}
