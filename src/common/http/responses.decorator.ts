import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { RequireRole } from '../auth/access.decorators';
import { SetsETag } from './etag.interceptor';
import { pageOf } from './openapi/page-of';

/*
 * What an operation answers, declared once for the document and the runtime together, so
 * that a route documented as answering a versioned record also sends its ETag. Each one
 * stands for a decorator stack the controllers repeat; the HTTP method stays on the route.
 */

/** The operation answers a page of `item` (`{ items, next_cursor }`, see {@link pageOf}). */
export const AnswersPage = (item: Type): MethodDecorator => ApiOkResponse({ type: pageOf(item) });

/** The operation answers one versioned record as `type` (200) and sets its `ETag`. */
export const AnswersRecord = (type: Type): MethodDecorator =>
  applyDecorators(ApiOkResponse({ type }), SetsETag());

/** The operation creates one versioned record and answers it as `type` (201) with its `ETag`. */
export const CreatesRecord = (type: Type): MethodDecorator =>
  applyDecorators(ApiCreatedResponse({ type }), SetsETag());

/**
 * A policy write: needs `admin` in the request's tenant and answers the versioned record it
 * wrote as `type` (200) with its `ETag`. Pair it with an `@IfMatch()` parameter.
 */
export const AdminWrite = (type: Type): MethodDecorator =>
  applyDecorators(RequireRole('admin'), AnswersRecord(type));

/**
 * A `POST` that acts on what exists (approve, complete, trim, …) rather than creating a
 * resource: answers 200, not Nest's default 201, with `type`.
 */
export const AnswersAction = (type: Type): MethodDecorator =>
  applyDecorators(ApiOkResponse({ type }), HttpCode(200));
