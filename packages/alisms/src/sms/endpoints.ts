import type { EndpointRules } from '../transport/endpoint.js';

/** dysmsapi 2017-05-25 endpoints (the official SDK's map; every other mainland region is central). */
export const SMS_ENDPOINTS: EndpointRules = {
  product: 'dysmsapi',
  defaultHost: 'dysmsapi.aliyuncs.com',
  regions: {
    'cn-hangzhou': 'dysmsapi.aliyuncs.com',
    'ap-southeast-1': 'dysmsapi.ap-southeast-1.aliyuncs.com',
    'ap-southeast-5': 'dysmsapi.ap-southeast-5.aliyuncs.com',
    'eu-central-1': 'dysmsapi.eu-central-1.aliyuncs.com',
    'us-east-1': 'dysmsapi.us-east-1.aliyuncs.com',
    'cn-beijing': 'dysmsapi-proxy.cn-beijing.aliyuncs.com',
    'cn-hongkong': 'dysmsapi-xman.cn-hongkong.aliyuncs.com',
  },
};

/**
 * dysmsapi 2018-05-01 (international) endpoints. Without a region the official SDK uses the central
 * host too; international-site accounts usually want `regionId: 'ap-southeast-1'`.
 */
export const INTL_SMS_ENDPOINTS: EndpointRules = {
  product: 'dysmsapi (international)',
  defaultHost: 'dysmsapi.aliyuncs.com',
  regions: {
    'ap-southeast-1': 'dysmsapi.ap-southeast-1.aliyuncs.com',
    'ap-southeast-5': 'dysmsapi.ap-southeast-5.aliyuncs.com',
    'eu-central-1': 'dysmsapi.eu-central-1.aliyuncs.com',
    'us-east-1': 'dysmsapi.us-east-1.aliyuncs.com',
    'cn-beijing': 'dysmsapi-proxy.cn-beijing.aliyuncs.com',
    'cn-hongkong': 'dysmsapi-xman.cn-hongkong.aliyuncs.com',
  },
};
