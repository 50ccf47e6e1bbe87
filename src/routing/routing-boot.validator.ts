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
import { indexRoutes, resolveRoute } from './resolution';
import type { Route } from './route.types';
import { RouteValidator } from './route-validator';
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
    private readonly validator: RouteValidator,
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

  /** Every boot problem of the registry as it is now. */
  async problems(): Promise<RouteProblem[]> {
    const env = this.registrySettings.env;
    const stored = this.registry.rawState.routes.filter((r) => r.env === env);
    const index = indexRoutes(stored);
    const problems: RouteProblem[] = [];
    for (const { kind } of this.catalog.list()) {
      for (const scope of this.registrySettings.requiredScopes) {
        const res = resolveRoute(index, kind, scope);
        if (res.route === null) {
          problems.push({
            resource_kind: kind,
            scope: scope.toString(),
            message: `no route (tried ${res.tried.join(', ')})`,
          });
        }
      }
    }
    for (const route of stored) problems.push(...this.validator.validate(route));
    const clean = stored.filter((r) => r.required && this.validator.validate(r).length === 0);
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
