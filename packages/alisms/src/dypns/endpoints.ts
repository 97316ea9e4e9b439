import type { EndpointRules } from '../transport/endpoint.js';

/** Dypnsapi 2017-05-25: one public endpoint (the official SDK has no regional map for it). */
export const DYPNS_ENDPOINTS: EndpointRules = {
  product: 'dypnsapi',
  defaultHost: 'dypnsapi.aliyuncs.com',
  regions: { 'cn-hangzhou': 'dypnsapi.aliyuncs.com' },
};
