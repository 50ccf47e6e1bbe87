import { defineConfig } from './config-namespace';
import { readLogLevel } from './config-readers';

/** Structured logs. */
export const loggingConfig = defineConfig('logging', (source) => ({
  /** `LOG_LEVEL`: a pino level or `silent` (default `info`; `silent` in tests). */
  level: readLogLevel(source.get('LOG_LEVEL'), source.problems),
}));
