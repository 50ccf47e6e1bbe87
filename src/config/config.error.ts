/**
 * The deployment's environment configuration is unusable. Lists every problem at once, one
 * line each, saying what to set.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Configuration is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}
