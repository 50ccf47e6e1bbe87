import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';

/** Metadata key of the media types an operation reads its body as. */
export const CONSUMES = Symbol('CONSUMES');

/** What an operation with a `@Body()` parameter and no {@link Consumes} reads. */
export const DEFAULT_BODY_TYPES: readonly string[] = ['application/json'];

/**
 * Declares the media types an operation reads its body as, for operations that parse the
 * body themselves (multipart uploads) or take something other than JSON. Enforced by
 * `MediaTypeGuard` (415 for any other type) and written into the OpenAPI document,
 * so the two cannot disagree. Operations with a `@Body()` parameter need no declaration.
 */
export const Consumes = (...types: [string, ...string[]]): MethodDecorator =>
  applyDecorators(SetMetadata(CONSUMES, types), ApiConsumes(...types));

/** Metadata key of operations whose body may be left out entirely. */
export const BODY_OPTIONAL = Symbol('BODY_OPTIONAL');

/**
 * The operation works without a body (a `@Body()` whose fields are all optional, such as a
 * revocation reason). A body that is sent must still be of an accepted media type.
 */
export const OptionalBody = (): MethodDecorator => SetMetadata(BODY_OPTIONAL, true);
