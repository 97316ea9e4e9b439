// The alisms/emulator entry: a local Aliyun SMS + Direct Mail server for tests and development.
export { loadEmulatorConfig } from './config/load.js';
export {
  type AccessKeyConfig,
  DEFAULT_ACCESS_KEY,
  DEFAULT_SIGN,
  DEFAULT_TEMPLATE,
  type EmulatorConfig,
  type FlowControlConfig,
  type MailConfig,
  type ReceiptsConfig,
  resolveConfig,
  type SignConfig,
  type TemplateConfig,
} from './config/resolve.js';
export type { EmulatorConfigInput, FaultInput, SignType, TemplateType } from './config/schema.js';
export { type CreateEmulatorOptions, createEmulator, type Emulator } from './emulator.js';
export type { Fault, FaultKind, FaultRegistry } from './faults/faults.js';
export type { StartDeliveryOptions } from './receipts/delivery.js';
export { recipientKey } from './rules/phone.js';
export { type RunningEmulator, type StartEmulatorOptions, startEmulator } from './start.js';
export { FileStore, type FileStoreOptions } from './store/file-store.js';
export { type JournalEntry, MemoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export type {
  MailAttachmentRecord,
  MessageProduct,
  MessageQuery,
  MessageStatus,
  MessageStore,
  StoredMessage,
  StoreEvent,
} from './store/types.js';
export { answerClientErrors, MAX_HEADER_BYTES, MAX_PARAMS } from './wire/limits.js';
