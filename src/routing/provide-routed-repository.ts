import type { FactoryProvider } from '@nestjs/common';
import type { AdapterBuilders, RoutedPort, RoutedRepositoryOptions } from './adapter-builders';
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
 * this), and provides the port, routed per call by the registry. The port must be a
 * {@link RoutedPort} (only methods, each taking the record's Scope first) and `untimed`
 * may name only its methods: both are compile errors otherwise.
 */
export function provideRoutedRepository<P extends RoutedPort<P>>(
  port: abstract new (...args: never[]) => P,
  kind: string,
  builders: AdapterBuilders<P>,
  options?: RoutedRepositoryOptions<P>,
): FactoryProvider<P> {
  return {
    provide: port,
    useFactory: (factory: RoutedRepositoryFactory) => factory.create(port, kind, builders, options),
    inject: [RoutedRepositoryFactory],
  };
}
