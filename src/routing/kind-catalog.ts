import type { AdapterBuilders } from './adapter-builders';
import type { KindConfigKeys } from './policy/backend-config.schema';
import type { BackendType } from '../backends/backend-type';

/** A kind mounted by this app and the backends its module can build adapters for. */
export interface MountedKind {
  kind: string;
  backends: readonly BackendType[];
  /** Config keys the kind adds to its routes, per backend. */
  configKeys?: KindConfigKeys;
  /** How the kind's adapters are built (the move engine builds source and target adapters). */
  builders?: AdapterBuilders<unknown>;
}

/**
 * The mounted kinds, filled by `provideRoutedRepository` as feature modules are
 * instantiated. There is no hand-kept list: the modules in `features.ts` are the list.
 */
export class KindCatalog {
  private readonly kinds = new Map<string, MountedKind>();

  register(
    kind: string,
    backends: readonly BackendType[],
    owner: string,
    configKeys: KindConfigKeys = {},
    builders?: AdapterBuilders<unknown>,
  ): void {
    const existing = this.kinds.get(kind);
    if (existing !== undefined) {
      throw new Error(
        `Resource kind "${kind}" is declared twice (again by ${owner}). Each kind belongs to exactly one feature module.`,
      );
    }
    this.kinds.set(kind, { kind, backends, configKeys, builders });
  }

  /** Mounted kinds, sorted by name. */
  list(): MountedKind[] {
    return [...this.kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }

  /** Backends of a mounted kind, or undefined when this app does not mount it. */
  backendsOf(kind: string): readonly BackendType[] | undefined {
    return this.kinds.get(kind)?.backends;
  }

  /** A mounted kind, or undefined. */
  get(kind: string): MountedKind | undefined {
    return this.kinds.get(kind);
  }

  /** Config keys a mounted kind adds to its routes; undefined when this app does not mount it. */
  configKeysOf(kind: string): KindConfigKeys | undefined {
    return this.kinds.get(kind)?.configKeys;
  }
}
