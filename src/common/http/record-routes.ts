import { Body, Delete, Get, HttpCode, Param, Patch, type Type } from '@nestjs/common';
import { PARAMTYPES_METADATA } from '@nestjs/common/constants';
import { IdParamDto } from './id-param';
import { IfMatch } from './if-match.decorator';
import { AnswersRecord } from './responses.decorator';

/** What a service offers for reading and patching one versioned record by id. */
export interface EditableRecordService<R, U> {
  get(id: string): Promise<R>;
  update(id: string, patch: U, expectedVersion?: number): Promise<R>;
}

/** An {@link EditableRecordService} whose records are also deleted by id. */
export interface RecordService<R, U> extends EditableRecordService<R, U> {
  /** Deletes the record; may refuse while other records still refer to it (a 409 of the kind). */
  remove(id: string, expectedVersion?: number): Promise<void>;
}

/** The routes of {@link editableRecordRoutes}. */
export interface EditableRecordRoutes<R, U> {
  get(params: IdParamDto): Promise<R>;
  update(params: IdParamDto, body: U, version: number | undefined): Promise<R>;
}

/** The routes of {@link recordRoutes}. */
export interface RecordRoutes<R, U> extends EditableRecordRoutes<R, U> {
  remove(params: IdParamDto, version: number | undefined): Promise<void>;
}

/**
 * Base class of a controller whose versioned records are read and patched by id: `GET :id`
 * and `PATCH :id` (If-Match), answering `response` with its ETag and validating the patch
 * as `patch`. The controller provides the service as `records` and adds its own routes
 * (create, list, children, a delete of its own); they are matched before these.
 */
export function editableRecordRoutes<R, U extends object>(
  response: Type,
  patch: Type<U>,
): abstract new () => EditableRecordRoutes<R, U> & {
  readonly records: EditableRecordService<R, U>;
} {
  abstract class EditableRecordRoutesBase {
    abstract readonly records: EditableRecordService<R, U>;

    @Get(':id')
    @AnswersRecord(response)
    get(@Param() params: IdParamDto): Promise<R> {
      return this.records.get(params.id);
    }

    @Patch(':id')
    @AnswersRecord(response)
    update(
      @Param() params: IdParamDto,
      @Body() body: U,
      @IfMatch() version: number | undefined,
    ): Promise<R> {
      return this.records.update(params.id, body, version);
    }
  }
  // A generic parameter type is emitted as Object; the validation pipe and the document
  // read the body's class from here.
  Reflect.defineMetadata(
    PARAMTYPES_METADATA,
    [IdParamDto, patch, Object],
    EditableRecordRoutesBase.prototype,
    'update',
  );
  return EditableRecordRoutesBase;
}

/**
 * {@link editableRecordRoutes} plus `DELETE :id` (If-Match, 204), for records whose delete
 * honours If-Match like their patch does.
 */
export function recordRoutes<R, U extends object>(
  response: Type,
  patch: Type<U>,
): abstract new () => RecordRoutes<R, U> & { readonly records: RecordService<R, U> } {
  abstract class RecordRoutesBase extends editableRecordRoutes<R, U>(response, patch) {
    abstract override readonly records: RecordService<R, U>;

    @Delete(':id')
    @HttpCode(204)
    remove(@Param() params: IdParamDto, @IfMatch() version: number | undefined): Promise<void> {
      return this.records.remove(params.id, version);
    }
  }
  return RecordRoutesBase;
}
