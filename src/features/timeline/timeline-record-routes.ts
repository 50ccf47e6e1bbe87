import { Body, Delete, Get, HttpCode, Param, Patch, type Type } from '@nestjs/common';
import { PARAMTYPES_METADATA } from '@nestjs/common/constants';
import { ApiOkResponse } from '@nestjs/swagger';
import { SetsETag } from '../../common/http/etag.interceptor';
import { IdParamDto } from '../../common/http/id-param';
import { IfMatch } from '../../common/http/if-match.decorator';

/** What every timeline record service offers for `/timeline/<records>/:id`. */
export interface TimelineRecordService<R, U> {
  get(id: string): Promise<R>;
  update(id: string, patch: U, expectedVersion?: number): Promise<R>;
  /** `409 timeline.has_children` (or `clip_in_use`) while other records still refer to it. */
  remove(id: string, expectedVersion?: number): Promise<void>;
}

/** The routes every timeline record has, for a controller to extend. */
export interface TimelineRecordRoutes<R, U> {
  get(params: IdParamDto): Promise<R>;
  update(params: IdParamDto, body: U, version: number | undefined): Promise<R>;
  remove(params: IdParamDto, version: number | undefined): Promise<void>;
}

/**
 * Base class of a timeline controller: `GET`, `PATCH` (If-Match) and `DELETE` (If-Match) of
 * `:id`, answering `response` with its ETag and validating the patch as `patch`. The five
 * record kinds differ only in these types and their service (`records`).
 */
export function timelineRecordRoutes<R, U extends object>(
  response: Type,
  patch: Type<U>,
): abstract new () => TimelineRecordRoutes<R, U> & {
  readonly records: TimelineRecordService<R, U>;
} {
  abstract class RecordRoutes {
    abstract readonly records: TimelineRecordService<R, U>;

    @Get(':id')
    @ApiOkResponse({ type: response })
    @SetsETag()
    get(@Param() params: IdParamDto): Promise<R> {
      return this.records.get(params.id);
    }

    @Patch(':id')
    @ApiOkResponse({ type: response })
    @SetsETag()
    update(
      @Param() params: IdParamDto,
      @Body() body: U,
      @IfMatch() version: number | undefined,
    ): Promise<R> {
      return this.records.update(params.id, body, version);
    }

    @Delete(':id')
    @HttpCode(204)
    remove(@Param() params: IdParamDto, @IfMatch() version: number | undefined): Promise<void> {
      return this.records.remove(params.id, version);
    }
  }
  // A generic parameter type is emitted as Object; the validation pipe and the document
  // read the body's class from here.
  Reflect.defineMetadata(
    PARAMTYPES_METADATA,
    [IdParamDto, patch, Object],
    RecordRoutes.prototype,
    'update',
  );
  return RecordRoutes;
}
