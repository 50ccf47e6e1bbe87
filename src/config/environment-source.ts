import { parseEnv, type Env } from '../common/scope/scope';
import { readInt } from './config-readers';

/** Environment variables by name, as `process.env` or a test's own object gives them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * One app's environment while its configuration is read. Namespace readers take values from
 * it and record each unusable one as a problem instead of throwing, so that one validation
 * step can list every problem at once.
 */
export class EnvironmentSource {
  /** What is wrong so far, one line per problem, saying what to set. */
  readonly problems: string[] = [];

  constructor(private readonly environment: Environment) {}

  /** The trimmed value of `name`; undefined when unset or blank. */
  get(name: string): string | undefined {
    const value = this.environment[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  /** An integer variable within `bounds`; the fallback when unset (a problem when invalid). */
  int(name: string, fallback: number, bounds: { min: number; max: number }): number {
    return readInt(name, this.get(name), fallback, bounds.min, bounds.max, this.problems);
  }

  /**
   * `APP_ENV` when it names an env, else null. Namespaces whose rules depend on the env read
   * it here; the `app` namespace alone reports a missing or unknown `APP_ENV`.
   */
  env(): Env | null {
    const value = this.get('APP_ENV');
    return value === undefined ? null : parseEnv(value);
  }

  /** A copy of every variable (routes name their secrets by variable). */
  snapshot(): Environment {
    return { ...this.environment };
  }
}
