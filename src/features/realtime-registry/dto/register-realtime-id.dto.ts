import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { REALTIME_ID_FORMAT } from '../realtime-registry.types';

const ID_MESSAGE = `id must be 1 to 128 letters, digits, "_" or "-", starting with a letter or digit (${REALTIME_ID_FORMAT.source})`;

/** Body of `POST /realtime/threads` and `/realtime/canvases`: the id to claim, or none to get a generated one. */
export class RegisterRealtimeIdDto {
  @ApiPropertyOptional({
    pattern: REALTIME_ID_FORMAT.source,
    description: 'Omit to let the server generate an id.',
  })
  @IsOptional()
  @IsString()
  @Matches(REALTIME_ID_FORMAT, { message: ID_MESSAGE })
  id?: string;
}

/** Path of `GET /realtime/threads/:id` and `/realtime/canvases/:id`. */
export class RealtimeIdParamDto {
  @ApiProperty({ pattern: REALTIME_ID_FORMAT.source })
  @IsString()
  @Matches(REALTIME_ID_FORMAT, { message: ID_MESSAGE })
  id!: string;
}
