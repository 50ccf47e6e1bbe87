import type { Firestore } from '@google-cloud/firestore';
import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createFirestoreClient } from '../backends/firestore/firestore.driver';
import { backendsConfig } from '../config/backends.config';
import { registryConfig } from '../config/registry.config';
import { AdapterCache } from './adapter-cache';
import { BackendProbe } from './backend-probe';
import { RegistryQueries } from './admin/registry-queries';
import { RoutingRegistryController } from './admin/routing-registry.controller';
import { RoutingRoutesController } from './admin/routing-routes.controller';
import { RoutingAdminService } from './admin/routing-admin.service';
import { KindCatalog, type MountedKind } from './kind-catalog';
import type { RouteInput } from './route.types';
import { RegistrySeeder, SEED_ROUTES } from './registry-seeder';
import { RouteValidator } from './route-validator';
import { RoutedRepositoryFactory } from './routed-repository.factory';
import { BOOT_VALIDATION, RoutingBootValidator } from './routing-boot.validator';
import { RoutingMetrics } from './routing-metrics';
import { RoutingRegistry } from './routing-registry';
import { FirestoreRegistryStore } from './store/firestore-registry.store';
import { BoundedRegistryStore } from './store/bounded-registry.store';
import { MemoryRegistryStore } from './store/memory-registry.store';
import { MoveMetrics } from './moves/move-metrics';
import { MovePlanner } from './moves/move-planner';
import { MoveRunner } from './moves/move-runner';
import { MoveSupervisor } from './moves/move-supervisor';
import { MovesService } from './moves/moves.service';
import { RoutingMovesController } from './moves/routing-moves.controller';
import { RegistryStore } from './store/registry-store';

/** Options of {@link RoutingModule.forRoot}. */
export interface RoutingModuleOptions {
  /**
   * Supplies the registry store instead of building the one `REGISTRY_STORE` names. Tests
   * use it to keep one in-memory registry across app restarts.
   */
  store?: () => RegistryStore;
  /**
   * Routes to apply at boot, computed from the mounted kinds (after the seed file, through
   * the same validator). Lets tests seed "every kind on memory" without listing kinds.
   */
  seedRoutes?: (kinds: MountedKind[]) => RouteInput[];
  /**
   * Default true. False builds the module graph without seeding, loading or checking the
   * registry: the CLI uses it to learn the mounted kinds and reuse the validator offline.
   */
  bootValidation?: boolean;
}

/** Builds the registry store named by `REGISTRY_STORE`, every call bounded by the backend timeout. */
function createRegistryStore(
  registry: ConfigType<typeof registryConfig>,
  backends: ConfigType<typeof backendsConfig>,
): RegistryStore {
  if (registry.store === 'memory')
    return new BoundedRegistryStore(new MemoryRegistryStore(), backends.timeoutMs);
  const connect = (): Firestore =>
    createFirestoreClient(backends.gcpProjectId ?? '', '(default)', backends.firestoreEmulatorHost);
  return new BoundedRegistryStore(
    new FirestoreRegistryStore(connect(), connect),
    backends.timeoutMs,
  );
}

/** Closes the registry store's client after everything else has stopped using it. */
class RegistryStoreCloser implements OnApplicationShutdown {
  constructor(private readonly store: RegistryStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

const REGISTRY_PROVIDERS = [
  {
    provide: RegistryStoreCloser,
    useFactory: (s: RegistryStore) => new RegistryStoreCloser(s),
    inject: [RegistryStore],
  },
  { provide: KindCatalog, useFactory: () => new KindCatalog() },
  RouteValidator,
  RoutingRegistry,
  RegistrySeeder,
  RoutingBootValidator,
];

const REPOSITORY_PROVIDERS = [AdapterCache, RoutedRepositoryFactory, RoutingMetrics, BackendProbe];

const ADMIN_PROVIDERS = [RoutingAdminService, RegistryQueries];

const MOVE_PROVIDERS = [MoveMetrics, MovePlanner, MoveRunner, MovesService, MoveSupervisor];

/**
 * The control plane: registry store, snapshot, policy, boot validation and the routed
 * repository factory behind `provideRoutedRepository`. Global, imported once by AppModule.
 */
@Module({})
export class RoutingModule {
  static forRoot(options: RoutingModuleOptions = {}): DynamicModule {
    const storeProvider = options.store
      ? {
          provide: RegistryStore,
          useFactory: (backends: ConfigType<typeof backendsConfig>) =>
            new BoundedRegistryStore((options.store as () => RegistryStore)(), backends.timeoutMs),
          inject: [backendsConfig.KEY],
        }
      : {
          provide: RegistryStore,
          useFactory: createRegistryStore,
          inject: [registryConfig.KEY, backendsConfig.KEY],
        };
    return {
      module: RoutingModule,
      global: true,
      providers: [
        storeProvider,
        { provide: SEED_ROUTES, useValue: options.seedRoutes ?? null },
        { provide: BOOT_VALIDATION, useValue: options.bootValidation ?? true },
        ...REGISTRY_PROVIDERS,
        ...REPOSITORY_PROVIDERS,
        ...ADMIN_PROVIDERS,
        ...MOVE_PROVIDERS,
      ],
      controllers: [RoutingRoutesController, RoutingRegistryController, RoutingMovesController],
      exports: [
        RegistryStore,
        KindCatalog,
        RouteValidator,
        RoutingRegistry,
        RoutedRepositoryFactory,
        AdapterCache,
        RoutingAdminService,
        MovesService,
        MoveRunner,
      ],
    };
  }
}
