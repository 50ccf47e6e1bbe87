import { ApiProperty } from '@nestjs/swagger';
import {
  REALTIME_ID_TYPES,
  type RealtimeIdType,
  type RealtimeRegistration,
} from '../realtime-registry.types';

/** Who owns a thread or canvas id: the scope that registered it first. */
export class RealtimeRegistrationDto implements RealtimeRegistration {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REALTIME_ID_TYPES }) type!: RealtimeIdType;
  @ApiProperty() tenant_id!: string;
  @ApiProperty() env!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null when a tenant-wide scope registered it.',
  })
  project_id!: string | null;
  @ApiProperty() created_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}
