import { appConfig } from './app.config';
import { authConfig } from './auth.config';
import { backendsConfig } from './backends.config';
import { ConfigError } from './config.error';
import {
  buildWithConfig,
  declaredNamespaces,
  LoadedConfig,
  type DeclaredNamespace,
} from './config-namespace';
import { EnvironmentSource, type Environment } from './environment-source';
import { loggingConfig } from './logging.config';
import { registryConfig } from './registry.config';

/** The core namespaces, loaded by `AppConfigModule`; features declare and load their own. */
export const CORE_CONFIG = [appConfig, authConfig, registryConfig, backendsConfig, loggingConfig];

/**
 * The one validation step: reads every declared namespace (core first, then those the
 * mounted features declare) from `environment`. Collects every problem and throws one
 * {@link ConfigError} naming each variable and what to set.
 */
export function loadAppConfig(environment: Environment): LoadedConfig {
  const source = new EnvironmentSource(environment);
  const namespaces = new Set<DeclaredNamespace>([...CORE_CONFIG, ...declaredNamespaces()]);
  const values = new Map<string, object>();
  for (const namespace of namespaces) values.set(namespace.token, namespace.read(source));
  if (source.problems.length > 0) throw new ConfigError(source.problems);
  return new LoadedConfig(values);
}

/**
 * Validates `environment` (the process environment when omitted), then runs `build`, the
 * construction of one app (`NestFactory.create`, `Test.createTestingModule(...).compile()`),
 * with those values behind every namespace's `KEY`. Nothing is written to `process.env`.
 */
export async function buildWithEnvironment<T>(
  environment: Environment | undefined,
  build: () => Promise<T>,
): Promise<T> {
  return buildWithConfig(loadAppConfig(environment ?? process.env), build);
}
