import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { basename } from 'node:path';
import { registryConfig } from '../config/registry.config';
import { RegistryNotReadyError } from './registry-not-ready.error';
import type { RouteInput } from './route.types';
import { RouteValidator } from './route-validator';
import { readRoutesFile } from './seed-file';
import { KindCatalog, type MountedKind } from './kind-catalog';
import type { RouteProblem } from './policy/route-problem';
import { RegistryStore } from './store/registry-store';

/** Injection token of the programmatic seed (`RoutingModule.forRoot({ seedRoutes })`). */
export const SEED_ROUTES = Symbol('SEED_ROUTES');

export type SeedRoutes = ((kinds: MountedKind[]) => RouteInput[]) | null;

/**
 * Applies `REGISTRY_SEED_FILE` at boot through the same validator as every other write.
 * Only routes that differ from the store are written, so restarts do not bump versions.
 */
@Injectable()
export class RegistrySeeder {
  private readonly logger = new Logger('RegistrySeeder');

  constructor(
    private readonly store: RegistryStore,
    private readonly validator: RouteValidator,
    @Inject(registryConfig.KEY)
    private readonly registrySettings: ConfigType<typeof registryConfig>,
    private readonly catalog: KindCatalog,
    @Inject(SEED_ROUTES) private readonly seedRoutes: SeedRoutes,
  ) {}

  /** Applies the seed file, then the programmatic seed, if configured. */
  async seed(): Promise<void> {
    const file = this.registrySettings.seedFile;
    if (file !== null) {
      const parsed = await readRoutesFile(file);

      await this.apply(
        parsed.routes,
        parsed.problems,
        `seed:${basename(file)}`,
        `Seed file ${file} is refused`,
      );
    }
    if (this.seedRoutes !== null) {
      await this.apply(
        this.seedRoutes(this.catalog.list()),
        [],
        'seed:module-options',
        'Seed routes are refused',
      );
    }
  }

  private async apply(
    routes: RouteInput[],
    shapeProblems: RouteProblem[],
    actor: string,
    headline: string,
  ): Promise<void> {
    const problems = [...shapeProblems, ...routes.flatMap((r) => this.validator.validate(r))];

    if (problems.length > 0)
      throw new RegistryNotReadyError(this.registrySettings.env, problems, headline);
    // In batches: each route keeps its own version and revision, a batch is one commit. Only
    // routes that differ from the store (or an earlier line of the batch) are written.
    const batch = Math.max(1, this.store.maxBatch);
    const options = { actor, reason: `seeded by ${actor}`, onlyChanged: true };
    let written = 0;
    for (let i = 0; i < routes.length; i += batch)
      written += (await this.store.putMany(routes.slice(i, i + batch), options)).length;

    this.logger.log({ seed: actor, routes: routes.length, written }, 'Seed applied');
  }
}
