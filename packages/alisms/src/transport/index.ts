export * from './index.web.js';
export {
  createNodeHttpTransport,
  DEFAULT_MAX_RESPONSE_BYTES,
  type NodeHttpTransport,
  type NodeHttpTransportOptions,
} from './node-http.js';
export { bypassesProxy } from './proxy-config.js';
