import type { ClientOptions } from '../transport/options.js';
import { RpcClient } from '../transport/rpc-client.js';
import { SMS_ENDPOINTS } from './endpoints.js';
import { SmsSignTemplateManagement } from './sign-template-management.js';
import { SMS_API_VERSION } from './version.js';

/**
 * Sign and template management of China SMS (dysmsapi 2017-05-25): the current set (CreateSmsSign,
 * GetSmsSign, UpdateSmsSign, CreateSmsTemplate, GetSmsTemplate, UpdateSmsTemplate, GetSmsTemplateList)
 * and the older Add/Query/Modify/Delete set. A client of its own, beside `SmsClient`, so that an
 * application that only sends does not bundle the management code (the Web build stays small).
 * It takes the same options as `SmsClient`.
 *
 * @example
 * const admin = new SmsManagementClient({ accessKeyId: 'LTAI…', accessKeySecret: '…' });
 * const { state, rejectInfo } = await admin.getSmsTemplate({ templateCode: 'SMS_154950909' });
 */
export class SmsManagementClient extends SmsSignTemplateManagement {
  constructor(options: ClientOptions = {}) {
    super(new RpcClient({ version: SMS_API_VERSION, endpoints: SMS_ENDPOINTS }, options));
  }
}
