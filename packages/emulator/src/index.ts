// The alisms/emulator entry: a local Aliyun SMS + Direct Mail server for tests and development.
export { loadEmulatorConfig } from './config/load.js';
export {
  type AccessKeyConfig,
  DEFAULT_ACCESS_KEY,
  DEFAULT_SIGN,
  DEFAULT_TEMPLATE,
  type EmulatorConfig,
  resolveConfig,
} from './config/resolve.js';
export type { EmulatorConfigInput, FaultInput } from './config/schema.js';
export { type CreateEmulatorOptions, createEmulator, type Emulator } from './emulator.js';
export type { Fault, FaultKind, FaultRegistry } from './faults/faults.js';
export { recipientKey } from './rules/phone.js';
export { type RunningEmulator, type StartEmulatorOptions, startEmulator } from './start.js';
export { FileStore } from './store/file-store.js';
export { MemoryStore } from './store/memory-store.js';
export type {
  MessageProduct,
  MessageQuery,
  MessageStatus,
  MessageStore,
  StoredMessage,
  StoreEvent,
} from './store/types.js';
export { answerClientErrors, MAX_HEADER_BYTES, MAX_PARAMS } from './wire/limits.js';
