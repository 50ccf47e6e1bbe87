import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { KpiSeriesDto } from './kpi-key.dto';

const BOUND_MESSAGE =
  'floor and ceiling must be finite numbers or null, at least one of them given, with floor ≤ ceiling';

const isBound = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isAbsent = (v: unknown): boolean => v === undefined || v === null;

/** Checks floor and ceiling together (runs even when the property is absent). */
function IsCorridorBound(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCorridorBound',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const { floor, ceiling } = args?.object as { floor?: unknown; ceiling?: unknown };
          if (!isAbsent(value) && !isBound(value)) return false;
          if (isAbsent(floor) && isAbsent(ceiling)) return false;
          return !(isBound(floor) && isBound(ceiling) && floor > ceiling);
        },
        defaultMessage: () => BOUND_MESSAGE,
      },
    },
    options,
  );
}

/** Body of `PUT /kpi/corridors` (admin): replaces the corridor of `(surface, kpi_name)`. */
export class PutKpiCorridorDto extends KpiSeriesDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Lowest value that is ok.' })
  @IsCorridorBound()
  floor?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Highest value that is ok.' })
  @IsCorridorBound()
  ceiling?: number | null;
}
