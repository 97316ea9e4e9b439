/** An AccessKey pair (and STS token) as resolved by a provider. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
  /** Epoch ms after which the credentials are no longer valid (STS, ECS RAM role, URI). */
  readonly expiration?: number | undefined;
  /** Where they came from, e.g. `env`, `config-file:/path/alisms.yaml`, `ecs-ram-role:MyRole`. Never a secret. */
  readonly source: string;
}

/**
 * Resolves credentials. A provider that does not apply (its file or variables are absent)
 * rejects with `CredentialsProviderSkip` so the chain tries the next one; a provider that applies
 * but is broken rejects with an error naming the source and the missing field, which stops the chain.
 */
export type CredentialProvider = () => Promise<Credentials>;

/** Environment variables as providers read them. Pass an object in tests; `process.env` is the default. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where file-based providers look; every field defaults to the real process. */
export interface LocationOptions {
  /** Environment to read. @default process.env */
  env?: Env | undefined;
  /** Home directory for `~/.aliyun` and `~/.alibabacloud`. @default os.homedir() */
  homeDir?: string | undefined;
  /** Directory that holds `./alisms.yaml`. @default process.cwd() */
  cwd?: string | undefined;
}
