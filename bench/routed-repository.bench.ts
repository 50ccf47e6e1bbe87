import type { INestApplication } from '@nestjs/common';
import { withTimeout } from '../src/backends/with-timeout';
import { Scope } from '../src/common/scope/scope';
import { InMemoryFeatureFlagsRepository } from '../src/features/feature-flags/adapters/in-memory-feature-flags.repository';
import { FeatureFlagsRepository } from '../src/features/feature-flags/feature-flags.repository';
import {
  DEFAULT_FLAGS,
  FEATURE_FLAGS_KIND,
} from '../src/features/feature-flags/feature-flags.types';
import { RoutedRepositoryFactory } from '../src/routing/routed-repository.factory';
import { RoutingRegistry } from '../src/routing/routing-registry';
import { compareAsync, compareSync, pairedRatio } from './harness';
import { formatRatio, sampleRow, type Row } from './table';

const TITLE = '2. Routed repository';
const RUN = { warmupRounds: 3, rounds: 15, ops: 20_000 };

/**
 * `FeatureFlagsRepository.get(scope)` through the routed proxy of a booted app (memory route
 * at t_system/test) against the same in-memory adapter called directly. Both hold the same
 * document at the scope, so both clone it. Outside a request there is no request context:
 * every proxy call resolves afresh (no per-request pinning memo).
 */
export async function benchRoutedRepository(app: INestApplication): Promise<Row[]> {
  const proxy = app.get(FeatureFlagsRepository);
  const direct = new InMemoryFeatureFlagsRepository();
  const scope = Scope.of('t_acme', 'test', 'p_web');
  const write = { actor: 'u_bench' };
  const flags = structuredClone(DEFAULT_FLAGS);
  const [viaProxy, viaDirect] = await Promise.all([
    proxy.put(scope, flags, write),
    direct.put(scope, flags, write),
  ]);
  if (viaProxy.version !== 1 || viaDirect.version !== 1) throw new Error('unexpected seed state');
  if (proxy instanceof InMemoryFeatureFlagsRepository) throw new Error('expected the routed proxy');

  const timeoutMs = 5000;
  const samples = await compareAsync(
    {
      direct: () => direct.get(scope),
      proxy: () => proxy.get(scope),
      directTimed: () => withTimeout(direct.get(scope), timeoutMs, 'memory backend'),
    },
    RUN,
  );
  // The synchronous part of a proxy call: resolve, adapter cache lookup, metric, annotate.
  const factory = app.get(RoutedRepositoryFactory);
  const registry = app.get(RoutingRegistry);
  const parts = compareSync(
    {
      lease: () => factory.lease(FEATURE_FLAGS_KIND, scope, {}),
      resolve: () => registry.snapshot.resolve(FEATURE_FLAGS_KIND, scope),
    },
    { warmupRounds: 3, rounds: 15, ops: 100_000 },
  );
  const base = samples.direct!;
  const vs = (s: keyof typeof samples): string =>
    formatRatio(pairedRatio(samples[s]!, base), 'direct');
  // Parts measured apart: ratio of medians (not paired) and their share of the extra time.
  const extra = samples.proxy!.medianNs - base.medianNs;
  const times = (ns: number): string => `${(ns / base.medianNs).toFixed(2)}× direct (unpaired)`;
  const share = (ns: number): string =>
    `≈ ${Math.round((100 * ns) / extra)} % of the proxy's extra ${Math.round(extra)} ns`;
  const timer = samples.directTimed!.medianNs - base.medianNs;
  return [
    sampleRow(TITLE, 'direct InMemoryFeatureFlagsRepository.get (baseline)', base, '1.00×', ''),
    sampleRow(
      TITLE,
      'routed proxy .get',
      samples.proxy!,
      vs('proxy'),
      'outside a request: no request context, so no per-request pinning; every call resolves',
    ),
    sampleRow(
      TITLE,
      'part: direct .get inside withTimeout',
      samples.directTimed!,
      vs('directTimed'),
      `backend timeout (timer + Promise.race per call): +${Math.round(timer)} ns, ${share(timer)}`,
    ),
    sampleRow(
      TITLE,
      'part: factory.lease (sync)',
      parts.lease!,
      times(parts.lease!.medianNs),
      `resolve + adapter cache key + metric inc; ${share(parts.lease!.medianNs)}`,
    ),
    sampleRow(
      TITLE,
      'part: snapshot.resolve (t_system fallback)',
      parts.resolve!,
      times(parts.resolve!.medianNs),
      `inside lease (route at t_system: 3 lookups); ${share(parts.resolve!.medianNs)}`,
    ),
  ];
}
