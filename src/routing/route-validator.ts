import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
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
    private readonly config: AppConfig,
  ) {}

  validate(route: RouteInput): RouteProblem[] {
    return checkRoute(route, {
      supportedBackends: this.catalog.backendsOf(route.resource_kind),
      kindConfigKeys: this.catalog.configKeysOf(route.resource_kind),
      defaultGcpProjectId: this.config.gcpProjectId,
    });
  }
}
