export { MAIL_API_VERSION, MAIL_ENDPOINTS, MailClient } from './mail-client.js';
export type { BatchSendMailInput, SendMailResult, SingleSendMailInput } from './types.js';
export { FROM_ALIAS_LIMIT, MAX_MAIL_RECIPIENTS, MAX_SUBJECT_LENGTH } from './validate.js';
