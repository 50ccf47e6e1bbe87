import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject } from 'class-validator';

/**
 * Body of `POST /routing/plan`: `{ changes: [{ op: 'put', route: {...} }, { op: 'delete',
 * key: { resource_kind, tenant_id, env, project_id } }] }`. Each change is checked by the
 * service (shape and policy); nothing is written.
 */
export class PlanDto {
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  changes!: Record<string, unknown>[];
}
