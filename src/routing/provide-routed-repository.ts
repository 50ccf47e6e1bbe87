import type { FactoryProvider } from '@nestjs/common';
import type { AdapterBuilders, RoutedRepositoryOptions } from './adapter-builders';
import { RoutedRepositoryFactory } from './routed-repository.factory';

/**
 * The one way a feature module gets its repository:
 *
 * ```ts
 * providers: [
 *   provideRoutedRepository(FeatureFlagsRepository, FEATURE_FLAGS_KIND, {
 *     firestore: (fs) => new FirestoreFeatureFlagsRepository(fs),
 *     memory: () => new InMemoryFeatureFlagsRepository(),
 *   }),
 *   FeatureFlagsService,
 * ]
 * ```
 *
 * Declares the kind and the backends it supports (boot validation and the policy use
 * this), and provides the port, routed per call by the registry.
 */
export function provideRoutedRepository<P extends object>(
  port: abstract new (...args: never[]) => P,
  kind: string,
  builders: AdapterBuilders<P>,
  options?: RoutedRepositoryOptions,
): FactoryProvider<P> {
  return {
    provide: port,
    useFactory: (factory: RoutedRepositoryFactory) => factory.create(port, kind, builders, options),
    inject: [RoutedRepositoryFactory],
  };
}
