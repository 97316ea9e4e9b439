// The names of the transport folder that every runtime has; the Web build's transport entry as it is
// (scripts/build.mjs picks it), and the base of the Node entry (index.ts), which adds the node:http transport.
export { type ClientCredentials, clientCredentialProvider, clientCredentials } from './credentials.js';
export { DIAGNOSTICS_CHANNELS } from './diagnostics.js';
export type {
  RequestEndMessage,
  RequestErrorMessage,
  RequestStartMessage,
} from './diagnostics-types.js';
export { type Endpoint, type EndpointInput, type EndpointRules, parseEndpoint, resolveEndpoint } from './endpoint.js';
export {
  type AliyunBody,
  bodyCode,
  isServerFailureCode,
  isThrottlingCode,
  type ParsedResponse,
  parseResponse,
  type ResponseContext,
  retryAfterMs,
} from './error-factory.js';
export { AliyunApiError, isAliyunApiError } from './errors/aliyun-api-error.js';
export { BODY_START_LENGTH, InvalidResponseError, isInvalidResponseError } from './errors/invalid-response-error.js';
export { isSendOutcomeUnknownError, SendOutcomeUnknownError } from './errors/send-outcome-unknown-error.js';
export { isThrottlingError, ThrottlingError } from './errors/throttling-error.js';
export { isTimeoutError, TimeoutError, type TimeoutPhase } from './errors/timeout-error.js';
export { isTransportError, TransportError, type TransportErrorOptions } from './errors/transport-error.js';
export { createFetchTransport, type FetchTransportOptions } from './fetch-transport.js';
export type { HttpRequest, HttpResponse, HttpTransport } from './http-types.js';
export type { CallOptions, ClientOptions } from './options.js';
export {
  type AttemptOutcome,
  RETRY_AFTER_MAX_MS,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  type RetryContext,
  retryDelay,
  shouldRetry,
} from './retry-policy.js';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_READ_TIMEOUT_MS,
  DEFAULT_RETRIES,
  type ProductInfo,
  type RpcCall,
  RpcClient,
  type RpcResult,
} from './rpc-client.js';
