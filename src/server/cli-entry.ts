// What `alisms serve` loads lazily: the composition root and the configuration loader.
export { type RunningService, type StartServiceOptions, startService } from './compose.js';
export { ConfigError } from './config/config-error.js';
export { loadServeConfig } from './config/load.js';
