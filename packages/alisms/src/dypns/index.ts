export { DYPNS_API_VERSION, DypnsClient } from './dypns-client.js';
export { DYPNS_ENDPOINTS } from './endpoints.js';
export type {
  CheckSmsVerifyCodeInput,
  CheckSmsVerifyCodeResult,
  DypnsCodeType,
  SendSmsVerifyCodeInput,
  SendSmsVerifyCodeResult,
} from './types.js';
