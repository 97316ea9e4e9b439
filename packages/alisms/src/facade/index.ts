export {
  AliyunSMS,
  type AliyunSMSOptions,
  type FacadeTemplateParams,
  type SendSmsExtra,
} from './aliyun-sms.js';
export { type HmacAlgorithm, hmac64, hmacb64 } from './hmac64.js';
export { type ConfigMapping, type ConfigScalar, parseConfig, parseYamlMapping } from './parse-config.js';
