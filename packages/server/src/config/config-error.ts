import { AlismsError } from 'alisms';

/** The configuration (file, `ALISMS_*` env or flags) does not validate; the message lists every problem. */
export class ConfigError extends AlismsError {
  override name = 'ConfigError';
  /** One line per problem: `path: message`. */
  readonly problems: string[];

  constructor(source: string, problems: string[]) {
    super(`invalid configuration (${source}):\n  ${problems.join('\n  ')}`, { code: 'ALISMS_CONFIG_INVALID' });
    this.problems = problems;
  }
}
