export { type AlismsConfigFile, alismsConfigPath, fromAlismsConfig, readAlismsConfigFile } from './alisms-config.js';
export { fromAliyunCli } from './aliyun-cli.js';
export { type CredentialsUriOptions, fromCredentialsUri } from './credentials-uri.js';
export { type DmiReader, isAlibabaCloudEcs, readLinuxDmi } from './ecs-detect.js';
export { type EcsMetadataOptions, fromEcsMetadata } from './ecs-metadata.js';
export * from './index.web.js';
export { fromIniFile } from './ini-file.js';
