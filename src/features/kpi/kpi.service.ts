import { Injectable } from '@nestjs/common';
import {
  SORTABLE_ID_CURSOR,
  TIME_KEY_CURSOR,
  type ListRequest,
  type Page,
} from '../../common/http/pagination';
import { newSortableId } from '../../common/ids/sortable-id';
import { RequestContext } from '../../common/request-context/request-context';
import { KpiDefinitionNotFoundError } from './kpi.errors';
import { KpiRepository } from './kpi.repository';
import {
  corridorState,
  measurementSortKey,
  type KpiCorridor,
  type KpiCorridorInput,
  type KpiDefinition,
  type KpiMeasurement,
  type KpiStatus,
} from './kpi.types';

/**
 * KPI definitions, corridors, measurements and status in the request's scope.
 *
 * Corridors and measurements must name a KPI defined on their surface, else
 * `404 kpi.definition_not_found`: a mistyped name fails loudly instead of starting a series
 * no corridor or dashboard reads. Definitions are never deleted, so checking before the write
 * cannot race with a removal.
 */
@Injectable()
export class KpiService {
  constructor(
    private readonly kpis: KpiRepository,
    private readonly context: RequestContext,
  ) {}

  define(
    input: Pick<KpiDefinition, 'surface' | 'name'> & Partial<KpiDefinition>,
  ): Promise<KpiDefinition> {
    return this.kpis.createDefinition(this.context.scope, {
      id: newSortableId(),
      surface: input.surface,
      name: input.name,
      description: input.description ?? null,
      unit: input.unit ?? null,
      window_seconds: input.window_seconds ?? null,
      created_at: new Date().toISOString(),
      created_by: this.context.principal.subject,
    });
  }

  async definition(surface: string, name: string): Promise<KpiDefinition> {
    const found = await this.kpis.getDefinition(this.context.scope, surface, name);
    if (found === null) throw new KpiDefinitionNotFoundError(surface, name);
    return found;
  }

  async definitions(filter: { surface?: string }, list: ListRequest): Promise<Page<KpiDefinition>> {
    const { limit, position: before } = SORTABLE_ID_CURSOR.start(list);
    const page = { limit: limit + 1, before };
    const fetched = await this.kpis.listDefinitions(this.context.scope, filter, page);
    return SORTABLE_ID_CURSOR.page(fetched, limit, (last) => last.id);
  }

  /** Upserts the corridor of `(surface, kpi_name)`; the KPI must be defined. */
  async putCorridor(input: KpiCorridorInput, expectedVersion?: number): Promise<KpiCorridor> {
    await this.definition(input.surface, input.kpi_name);
    const actor = this.context.principal.subject;
    return this.kpis.putCorridor(this.context.scope, input, { actor, expectedVersion });
  }

  async corridors(filter: { surface?: string }, list: ListRequest): Promise<Page<KpiCorridor>> {
    const { limit, position: before } = SORTABLE_ID_CURSOR.start(list);
    const page = { limit: limit + 1, before };
    const fetched = await this.kpis.listCorridors(this.context.scope, filter, page);
    return SORTABLE_ID_CURSOR.page(fetched, limit, (last) => last.id);
  }

  /** Records a measurement of a defined KPI; `timestamp` defaults to now. */
  async record(input: {
    surface: string;
    kpi_name: string;
    value: number;
    timestamp?: string;
  }): Promise<KpiMeasurement> {
    await this.definition(input.surface, input.kpi_name);
    const now = new Date();
    return this.kpis.addMeasurement(this.context.scope, {
      id: newSortableId(now.getTime()),
      surface: input.surface,
      kpi_name: input.kpi_name,
      value: input.value,
      timestamp: new Date(input.timestamp ?? now).toISOString(),
      created_at: now.toISOString(),
      created_by: this.context.principal.subject,
    });
  }

  /** Newest first by timestamp. */
  async measurements(
    filter: { surface?: string; kpi_name?: string },
    list: ListRequest,
  ): Promise<Page<KpiMeasurement>> {
    const { limit, position: before } = TIME_KEY_CURSOR.start(list);
    const fetched = await this.kpis.listMeasurements(this.context.scope, filter, {
      limit: limit + 1,
      before,
    });
    return TIME_KEY_CURSOR.page(fetched, limit, measurementSortKey);
  }

  /** A page of the surface's corridors, each with its latest measurement and state. */
  async status(surface: string, list: ListRequest): Promise<Page<KpiStatus>> {
    const page = await this.corridors({ surface }, list);
    const items = await Promise.all(page.items.map((corridor) => this.statusOf(corridor)));
    return { items, next_cursor: page.next_cursor };
  }

  private async statusOf(corridor: KpiCorridor): Promise<KpiStatus> {
    const filter = { surface: corridor.surface, kpi_name: corridor.kpi_name };
    const [latest] = await this.kpis.listMeasurements(this.context.scope, filter, { limit: 1 });
    return {
      surface: corridor.surface,
      kpi_name: corridor.kpi_name,
      floor: corridor.floor,
      ceiling: corridor.ceiling,
      latest_value: latest?.value ?? null,
      latest_timestamp: latest?.timestamp ?? null,
      status: corridorState(corridor, latest?.value ?? null),
    };
  }
}
