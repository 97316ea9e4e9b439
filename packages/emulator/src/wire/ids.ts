import { randomUUID } from 'node:crypto';

/** Aliyun's RequestId: an upper-case UUID. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

// These ids are references, not secrets: Math.random is enough and much cheaper per request.
function digits(count: number): string {
  let out = String(1 + Math.floor(Math.random() * 9));
  while (out.length < count) out += String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  return out.slice(0, count);
}

/** `900619746936498440^0`: 18 digits, `^0`, like SendSms answers. */
export function newBizId(): string {
  return `${digits(18)}^0`;
}

/** International MessageId: a long decimal string. */
export function newMessageId(): string {
  return digits(18);
}

/** Direct Mail EnvId: an 11-digit decimal string. */
export function newEnvId(): string {
  return digits(11);
}

/** `SMS_` + 9 digits, like the codes AddSmsTemplate returns. */
export function newTemplateCode(): string {
  return `SMS_${digits(9)}`;
}

/** A review work order id (`OrderId` of CreateSmsSign/CreateSmsTemplate): 12 digits. */
export function newOrderId(): string {
  return digits(12);
}
