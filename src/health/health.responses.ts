import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CircuitState } from '../backends/circuit-breaker';
import type { Readiness } from './health.service';

type BackendReadiness = Readiness['backends'][number];

const CIRCUIT_STATES: readonly CircuitState[] = ['closed', 'open', 'half_open'];

/** Answer of `GET /health/live`. */
export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

/** The registry snapshot this instance serves from. */
export class RegistryReadinessDto {
  @ApiProperty({ description: '-1 before the first load.' }) applied_version!: number;
  @ApiProperty() stale!: boolean;
}

/** One backend client in use and whether it answered a ping. */
export class BackendReadinessDto implements BackendReadiness {
  @ApiProperty() resource_kind!: string;
  @ApiProperty() backend_type!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty({
    enum: CIRCUIT_STATES,
    description: 'The circuit breaker: open/half_open mean requests fail fast now.',
  })
  circuit!: CircuitState;
  @ApiPropertyOptional({ description: 'Why the ping failed.' }) error?: string;
}

/**
 * Answer of `GET /health/ready` when ready; a not-ready instance answers 503 with the
 * error envelope, this object in `error.details`.
 */
export class ReadinessDto implements Readiness {
  @ApiProperty({ enum: ['ok'], description: 'Always ok here: not_ready answers 503.' })
  status!: 'ok';
  @ApiProperty({ type: RegistryReadinessDto }) registry!: RegistryReadinessDto;
  @ApiProperty({ type: [BackendReadinessDto] }) backends!: BackendReadinessDto[];
  @ApiProperty({ type: [String], description: 'Empty when ready.' }) problems!: string[];
  @ApiProperty({ description: 'True when Firestore clients talk to an emulator.' })
  emulator!: boolean;
}
