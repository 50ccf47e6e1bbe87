import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { registryConfig } from '../config/registry.config';
import { BackendProbe } from './backend-probe';
import { KindCatalog } from './kind-catalog';
import { routeProblem, type RouteProblem } from './policy/route-problem';
import { RegistryNotReadyError } from './registry-not-ready.error';
import { RegistrySeeder } from './registry-seeder';
import { resolveRoute } from './resolution';
import type { Route } from './route.types';
import { RoutingRegistry } from './routing-registry';

/**
 * Fail fast: before the server listens, seed the registry, load it, and check that every
 * mounted kind resolves at every required scope and every stored route of this env passes
 * the policy (and that `required` routes' backends answer). One error lists every problem.
 */
/** Injection token: false skips seeding, loading and boot checks (offline tools). */
export const BOOT_VALIDATION = Symbol('BOOT_VALIDATION');

@Injectable()
export class RoutingBootValidator implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('RoutingBoot');

  constructor(
    private readonly seeder: RegistrySeeder,
    private readonly registry: RoutingRegistry,
    private readonly catalog: KindCatalog,
    private readonly probe: BackendProbe,
    @Inject(registryConfig.KEY)
    private readonly registrySettings: ConfigType<typeof registryConfig>,
    @Inject(BOOT_VALIDATION) private readonly enabled: boolean,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;

    await this.seeder.seed();

    await this.registry.start();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;

    const problems = await this.problems();

    if (problems.length > 0) throw new RegistryNotReadyError(this.registrySettings.env, problems);
    this.logger.log(
      {
        env: this.registrySettings.env,
        version: this.registry.snapshot.version,
        kinds: this.catalog.list().length,
      },
      'Routing registry ready',
    );
  }

  /**
   * Every boot problem of the registry as it is now. Reads what the registry already holds
   * (its stored routes and the policy verdicts of its last apply) rather than checking every
   * route again: boot costs one policy pass per route.
   */
  async problems(): Promise<RouteProblem[]> {
    const stored = this.registry.storedRoutes;
    const problems: RouteProblem[] = [];
    for (const { kind } of this.catalog.list()) {
      for (const scope of this.registrySettings.requiredScopes) {
        const res = resolveRoute(stored, kind, scope);
        if (res.route === null) {
          problems.push({
            resource_kind: kind,
            scope: scope.toString(),
            message: `no route (tried ${res.tried.join(', ')})`,
          });
        }
      }
    }
    problems.push(...this.registry.refusedProblems());
    const clean = this.registry.requiredRoutes();
    problems.push(...(await Promise.all(clean.map((r) => this.ping(r)))).flat());
    return problems;
  }

  private async ping(route: Route): Promise<RouteProblem[]> {
    const reason = await this.probe.probe(route);
    return reason === null
      ? []
      : [routeProblem(route, `required backend did not answer a ping: ${reason}`)];
  }
}
