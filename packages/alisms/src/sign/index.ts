export { canonicalQuery, compareNames, type ParamMap } from './canonical-query.js';
export { percentEncode } from './percent-encode.js';
export {
  type RpcV1SignInput,
  type RpcV1Verification,
  rpcV1Signature,
  rpcV1StringToSign,
  signRpcV1,
  verifyRpcV1,
} from './rpc-v1.js';
export { timingSafeEqualString } from './safe-compare.js';
export { type SignedRequest, type SignInput, type SigningKeys, sdkUserAgent } from './signed-request.js';
export { formatTimestamp, newNonce, parseTimestamp } from './timestamp.js';
export { signV1Request } from './v1-request.js';
export {
  EMPTY_PAYLOAD_SHA256,
  type HeaderMap,
  hashPayload,
  isSignableHeader,
  parseV3Authorization,
  signableHeaderNames,
  signV3,
  V3_ALGORITHM,
  type V3Authorization,
  type V3Request,
  type V3Signed,
  type V3Verification,
  v3CanonicalRequest,
  v3Signature,
  v3StringToSign,
  verifyV3,
} from './v3.js';
export { signV3Request } from './v3-request.js';
