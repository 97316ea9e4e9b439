import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './config-error.js';
import { type ServeConfig, serveConfigSchema } from './schema.js';

/** Command-line flags of `alisms serve`; they win over the file and the environment. */
export interface ServeFlags {
  port?: number;
  host?: string;
  config?: string;
  redis?: string;
  /** `--redis-cluster HOST:PORT[,…]` */
  redisCluster?: string[];
  /** `--redis-sentinel HOST:PORT[,…]` */
  redisSentinels?: string[];
  /** `--redis-master NAME` */
  redisMaster?: string;
  emulator?: boolean;
  trustProxy?: string[];
  /** `--allowed-hosts` (with --emulator). */
  allowedHosts?: string[];
  logLevel?: string;
}

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const number = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : v);
const text = (v: string) => v;

/** `ALISMS_*` variables and the config path each one sets. */
export const ENV_OVERRIDES: readonly [string, string[], (v: string) => unknown][] = [
  ['ALISMS_HOST', ['server', 'host'], text],
  ['ALISMS_PORT', ['server', 'port'], number],
  ['ALISMS_API_KEYS', ['server', 'apiKeys'], list],
  ['ALISMS_TRUST_PROXY', ['server', 'trustProxy'], list],
  ['ALISMS_LOG_LEVEL', ['log', 'level'], text],
  ['ALISMS_REDIS_URL', ['redis', 'url'], text],
  ['ALISMS_REDIS_PREFIX', ['redis', 'prefix'], text],
  ['ALISMS_REDIS_CLUSTER', ['redis', 'cluster'], list],
  ['ALISMS_REDIS_SENTINELS', ['redis', 'sentinels'], list],
  ['ALISMS_REDIS_MASTER', ['redis', 'masterName'], text],
  ['ALISMS_OTP_SECRET', ['otp', 'secret'], text],
  ['ALISMS_ACCESS_KEY_ID', ['sms', 'accessKeyId'], text],
  ['ALISMS_ACCESS_KEY_SECRET', ['sms', 'accessKeySecret'], text],
  ['ALISMS_SIGN_NAME', ['sms', 'signName'], text],
  ['ALISMS_TEMPLATE_CODE', ['sms', 'templateCode'], text],
  ['ALISMS_MAIL_ACCOUNT', ['mail', 'accountName'], text],
  ['ALISMS_CAPTCHA_PROVIDER', ['captcha', 'provider'], text],
  ['ALISMS_CAPTCHA_SECRET', ['captcha', 'secret'], text],
  ['ALISMS_RECEIPTS_TOKEN', ['receipts', 'token'], text],
  ['ALISMS_RECEIPTS_WEBHOOK_URL', ['receipts', 'webhookUrl'], text],
  ['ALISMS_ALERTS_WEBHOOK_URL', ['alerts', 'webhookUrl'], text],
];

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1]!] = value;
}

function describe(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const at = issue.path.map(String).join('.') || '(top level)';
    if (issue.code === 'unrecognized_keys')
      return `${at}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    return `${at}: ${issue.message}`;
  });
}

/** Validates an already-merged configuration tree; throws {@link ConfigError} naming every problem. */
export function parseServeConfig(tree: unknown, source = 'configuration'): ServeConfig {
  const parsed = serveConfigSchema.safeParse(tree ?? {});
  if (!parsed.success) throw new ConfigError(source, describe(parsed.error.issues));
  return parsed.data;
}

/**
 * Reads the YAML file (when `flags.config` is given), applies `ALISMS_*` variables over it and the
 * flags over both, and validates the result.
 */
export async function loadServeConfig(
  flags: ServeFlags,
  env: NodeJS.ProcessEnv = {},
  cwd = process.cwd(),
): Promise<ServeConfig> {
  let tree: Tree = {};
  const file = flags.config ?? env.ALISMS_CONFIG;
  if (file) {
    let raw: string;
    try {
      raw = await readFile(resolve(cwd, file), 'utf8');
    } catch (error) {
      throw new ConfigError(file, [`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
    }
    let doc: unknown;
    try {
      doc = parseYaml(raw);
    } catch (error) {
      throw new ConfigError(file, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
    }
    if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc)))
      throw new ConfigError(file, ['the file must hold a mapping (key: value) at the top']);
    tree = (doc as Tree | null) ?? {};
  }
  for (const [name, path, convert] of ENV_OVERRIDES) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(tree, path, convert(value));
  }
  if (flags.host !== undefined) setPath(tree, ['server', 'host'], flags.host);
  if (flags.port !== undefined) setPath(tree, ['server', 'port'], flags.port);
  // A Redis flag replaces whatever Redis the file named, so that one command line always wins.
  const redisFlags = [flags.redis, flags.redisCluster, flags.redisSentinels].filter((f) => f !== undefined);
  if (redisFlags.length > 1) throw new ConfigError('flags', ['use one of --redis, --redis-cluster, --redis-sentinel']);
  if (redisFlags.length === 1)
    for (const key of ['url', 'cluster', 'sentinels', ...(flags.redisSentinels ? [] : ['masterName'])])
      setPath(tree, ['redis', key], undefined);
  if (flags.redis !== undefined) setPath(tree, ['redis', 'url'], flags.redis);
  if (flags.redisCluster !== undefined) setPath(tree, ['redis', 'cluster'], flags.redisCluster.flatMap(list));
  if (flags.redisSentinels !== undefined) setPath(tree, ['redis', 'sentinels'], flags.redisSentinels.flatMap(list));
  if (flags.redisMaster !== undefined) setPath(tree, ['redis', 'masterName'], flags.redisMaster);
  if (flags.emulator !== undefined) tree.emulator = flags.emulator;
  if (flags.trustProxy !== undefined) setPath(tree, ['server', 'trustProxy'], flags.trustProxy.flatMap(list));
  if (flags.allowedHosts !== undefined) setPath(tree, ['server', 'allowedHosts'], flags.allowedHosts.flatMap(list));
  if (flags.logLevel !== undefined) setPath(tree, ['log', 'level'], flags.logLevel);
  return parseServeConfig(tree, file ?? 'environment and flags');
}
