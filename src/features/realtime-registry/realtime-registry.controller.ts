import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RealtimeRegistrationDto } from './dto/realtime-registration.response';
import { RealtimeIdParamDto, RegisterRealtimeIdDto } from './dto/register-realtime-id.dto';
import type { RealtimeRegistration } from './realtime-registry.types';
import { RealtimeRegistryService } from './realtime-registry.service';

/** Registers thread and canvas ids for the caller's scope and tells who owns one. */
@ApiTags('realtime')
@Controller('realtime')
export class RealtimeRegistryController {
  constructor(private readonly service: RealtimeRegistryService) {}

  /** Claims a thread id (member). `409 realtime_registry.id_taken` when it is registered anywhere. */
  @Post('threads')
  @ApiCreatedResponse({ type: RealtimeRegistrationDto })
  registerThread(@Body() body: RegisterRealtimeIdDto): Promise<RealtimeRegistration> {
    return this.service.register('thread', body.id);
  }

  /** Claims a canvas id (member). `409 realtime_registry.id_taken` when it is registered anywhere. */
  @Post('canvases')
  @ApiCreatedResponse({ type: RealtimeRegistrationDto })
  registerCanvas(@Body() body: RegisterRealtimeIdDto): Promise<RealtimeRegistration> {
    return this.service.register('canvas', body.id);
  }

  /** The owner scope of a thread id registered by the caller's scope; 404 otherwise. */
  @Get('threads/:id')
  @ApiOkResponse({ type: RealtimeRegistrationDto })
  getThread(@Param() params: RealtimeIdParamDto): Promise<RealtimeRegistration> {
    return this.service.get('thread', params.id);
  }

  /** The owner scope of a canvas id registered by the caller's scope; 404 otherwise. */
  @Get('canvases/:id')
  @ApiOkResponse({ type: RealtimeRegistrationDto })
  getCanvas(@Param() params: RealtimeIdParamDto): Promise<RealtimeRegistration> {
    return this.service.get('canvas', params.id);
  }
}
