import { AsyncLocalStorage } from 'node:async_hooks';
import { registerAs, type ConfigFactory, type ConfigFactoryKeyHost } from '@nestjs/config';
import type { EnvironmentSource } from './environment-source';

/**
 * Reads one namespace from an app's environment. Records every unusable variable in
 * `source.problems` and returns a fallback for it; never throws.
 */
export type NamespaceReader<T> = (source: EnvironmentSource) => T;

/**
 * A typed configuration namespace: a `registerAs` factory (inject its value with
 * `@Inject(x.KEY) cfg: ConfigType<typeof x>`) that also carries its reader.
 */
export type ConfigNamespace<T extends object> = ConfigFactory<T> &
  ConfigFactoryKeyHost<T> & { readonly token: string; readonly read: NamespaceReader<T> };

/** What the validation step needs of a namespace: its token and its reader. */
export type DeclaredNamespace = Pick<ConfigNamespace<object>, 'token' | 'read'>;

/** Every namespace declared so far, core and feature ones, in declaration order. */
const declared = new Map<string, DeclaredNamespace>();

/** The validated values of every namespace of one app, by namespace token. */
export class LoadedConfig {
  constructor(private readonly values: ReadonlyMap<string, object>) {}

  /** The value of `namespace` in this app. */
  of<T extends object>(namespace: ConfigNamespace<T>): T {
    const value = this.values.get(namespace.token);
    if (value === undefined)
      throw new Error(`Configuration namespace "${namespace.token}" was not read at start.`);
    return value as T;
  }
}

/**
 * The app being built. `registerAs` factories take no argument and `ConfigModule.forFeature`
 * modules are shared by every app of the process, so each factory finds its app's values
 * here; tests build several apps with different environments in one process.
 */
const building = new AsyncLocalStorage<LoadedConfig>();

/**
 * Declares a namespace: `token` becomes its `registerAs` key, and `read` joins the one
 * validation step ({@link loadAppConfig}) as soon as the declaring file is loaded. A feature
 * declares its own in `<folder>.config.ts` and imports it with `ConfigModule.forFeature`.
 */
export function defineConfig<T extends object>(
  token: string,
  read: NamespaceReader<T>,
): ConfigNamespace<T> {
  if (declared.has(token)) throw new Error(`Configuration namespace "${token}" is declared twice.`);
  const factory = registerAs(token, (): T => configOfAppBeingBuilt().of(namespace));
  const namespace: ConfigNamespace<T> = Object.assign(factory, { token, read });
  declared.set(token, namespace);
  return namespace;
}

/** Every declared namespace, in declaration order. */
export function declaredNamespaces(): DeclaredNamespace[] {
  return [...declared.values()];
}

/** Runs `build` (the construction of one app) with `config` as the values its namespaces give. */
export function buildWithConfig<T>(config: LoadedConfig, build: () => Promise<T>): Promise<T> {
  return building.run(config, build);
}

function configOfAppBeingBuilt(): LoadedConfig {
  const config = building.getStore();
  if (config === undefined)
    throw new Error(
      'Configuration is only available while an app is built with its environment ' +
        '(createApp, or buildWithEnvironment around the module compilation).',
    );
  return config;
}
