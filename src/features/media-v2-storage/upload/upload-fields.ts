import { createValidationPipe } from '../../../common/errors/validation.pipe';
import { MediaUploadFieldsDto } from '../dto/media-upload-fields.dto';
import type { MediaKind } from '../media-v2-storage.types';
import { MediaInvalidUploadError } from '../media-v2-storage.errors';

const validation = createValidationPipe();

/** `type/subtype` without parameters, lower-case, as RFC 6838 restricts the names. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The validated kind and tags (deduplicated, lower-case) of an upload's text fields. */
export interface UploadFields {
  kind: MediaKind | undefined;
  tags: string[];
}

/**
 * Validates multipart text fields with the same pipe as JSON bodies (unknown fields and bad
 * values are `400 validation.failed` naming each field).
 */
export async function readUploadFields(received: Map<string, string[]>): Promise<UploadFields> {
  const plain: Record<string, unknown> = {};
  for (const [name, values] of received) {
    plain[name] =
      name === 'tags'
        ? values
            .flatMap((v) => v.split(','))
            .map((t) => t.trim().toLowerCase())
            .filter((t) => t !== '')
        : values.length === 1
          ? values[0]
          : values;
  }
  const dto = (await validation.transform(plain, {
    type: 'body',
    metatype: MediaUploadFieldsDto,
  })) as MediaUploadFieldsDto;
  return { kind: dto.kind, tags: [...new Set(dto.tags ?? [])] };
}

/** The file part's declared content type, checked (it is served back as `Content-Type`). */
export function mediaType(declared: string): string {
  const type = (declared.split(';')[0] ?? '').trim().toLowerCase();
  if (!MEDIA_TYPE.test(type)) {
    throw new MediaInvalidUploadError(
      `the file part's Content-Type "${declared.slice(0, 100)}" is not a media type such as video/mp4`,
    );
  }
  return type;
}

/** The kind an asset gets when the upload does not name one. */
export function kindOf(contentType: string): MediaKind {
  const top = contentType.split('/')[0];
  return top === 'video' || top === 'audio' || top === 'image' ? top : 'other';
}
