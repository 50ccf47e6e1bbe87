import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { backendsConfig } from '../config/backends.config';
import { KindCatalog } from './kind-catalog';
import { checkRoute } from './policy/route-policy';
import type { RouteProblem } from './policy/route-problem';
import type { RouteInput } from './route.types';

/**
 * The routing policy bound to this app's mounted kinds and deployment defaults. Every path
 * that accepts a route (boot, seed, live change, admin API, CLI) asks this one validator.
 */
@Injectable()
export class RouteValidator {
  constructor(
    private readonly catalog: KindCatalog,
    @Inject(backendsConfig.KEY) private readonly backends: ConfigType<typeof backendsConfig>,
  ) {}

  validate(route: RouteInput): RouteProblem[] {
    return checkRoute(route, {
      supportedBackends: this.catalog.backendsOf(route.resource_kind),
      kindConfigKeys: this.catalog.configKeysOf(route.resource_kind),
      defaultGcpProjectId: this.backends.gcpProjectId,
    });
  }
}
