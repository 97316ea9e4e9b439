import { AlismsError, type AliyunErrorCode } from 'alisms';

/**
 * An error the Aliyun gateway (or Direct Mail) answers with an HTTP 4xx/5xx status and the
 * `{RequestId, HostId, Code, Message, Recommend}` body. Thrown inside the emulator, rendered by the wire layer.
 * The code is typed by the SDK's one table of Aliyun codes (`ALIYUN_ERROR_CODES`), so the emulator cannot
 * answer with a code the SDK, OTP and bulk do not classify.
 */
export class GatewayError extends AlismsError {
  override name = 'GatewayError';
  constructor(httpStatus: number, code: AliyunErrorCode, message: string) {
    super(message, { code, httpStatus });
  }
}

/**
 * A business failure dysmsapi reports with HTTP 200 and a `Code` (2017-05-25) or `ResponseCode`
 * (2018-05-01) other than `OK`. Its code, too, must be in the SDK's table.
 */
export class BusinessError extends AlismsError {
  override name = 'BusinessError';
  constructor(code: AliyunErrorCode, message: string) {
    super(message, { code, httpStatus: 200 });
  }
}

/** `Missing<Name>` (HTTP 400) for a required parameter that is absent or empty. */
export function missing(name: string): GatewayError {
  return new GatewayError(400, `Missing${name}`, `${name} is mandatory for this action.`);
}

/** `Invalid<Name>` (HTTP 400) for a parameter of the wrong shape. */
export function invalid(name: string, detail?: string): GatewayError {
  return new GatewayError(
    400,
    `Invalid${name}`,
    `Specified parameter ${name} is not valid.${detail ? ` ${detail}` : ''}`,
  );
}
