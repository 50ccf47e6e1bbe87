import { DomainError, NotFoundError, versionConflictOf } from '../../common/errors/domain.error';
import { KPI_KIND } from './kpi.types';

/** `409 kpi.definition_exists`: the surface already has a KPI of that name. */
export class KpiDefinitionExistsError extends DomainError {
  constructor(surface: string, name: string) {
    super(
      'kpi.definition_exists',
      'conflict',
      `A KPI named "${name}" is already defined on surface "${surface}". ` +
        'Choose another name, or use the existing definition.',
      { surface, name },
    );
  }
}

/** `404 kpi.definition_not_found`: no KPI of that name on that surface in this scope. */
export class KpiDefinitionNotFoundError extends NotFoundError {
  constructor(surface: string, name: string) {
    super(KPI_KIND, `KPI definition on surface "${surface}" named`, name, {
      code: 'definition_not_found',
      hint: 'Define it first with POST /kpi/definitions (admin), or fix the surface or name.',
      details: { surface, name },
    });
  }
}

/** `409 kpi.version_conflict`: a corridor upsert named a stale `If-Match` version. */
export class KpiVersionConflictError extends versionConflictOf(KPI_KIND) {}
