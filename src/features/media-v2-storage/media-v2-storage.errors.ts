import { DomainError, notFoundOf } from '../../common/errors/domain.error';
import { MEDIA_ERRORS } from './media-v2-storage.types';

/** `404 media_v2_storage.not_found`: no asset with this id in the request's scope. */
export class MediaNotFoundError extends notFoundOf(MEDIA_ERRORS, 'Media asset') {}

/** `413 media_v2_storage.too_large`: the file is larger than the configured limit. */
export class MediaTooLargeError extends DomainError {
  constructor(maxBytes: number) {
    super(
      `${MEDIA_ERRORS}.too_large`,
      'too_large',
      `The file is larger than the limit of ${maxBytes} bytes: upload a smaller file (or ask an operator to raise the limit).`,
      { max_bytes: maxBytes },
    );
  }
}

/** `400 media_v2_storage.not_multipart`: the upload is not a multipart/form-data body. */
export class MediaNotMultipartError extends DomainError {
  constructor(reason: string) {
    super(
      `${MEDIA_ERRORS}.not_multipart`,
      'invalid',
      `Send the upload as multipart/form-data with a "file" part (and optional "kind" and "tags" fields): ${reason}.`,
      { reason },
    );
  }
}

/** `400 media_v2_storage.invalid_upload`: the multipart body breaks one of the upload's rules. */
export class MediaInvalidUploadError extends DomainError {
  constructor(reason: string) {
    super(`${MEDIA_ERRORS}.invalid_upload`, 'invalid', `The upload is invalid: ${reason}.`, {
      reason,
    });
  }
}

/** `400 media_v2_storage.file_missing`: the multipart body has no file part. */
export class MediaFileMissingError extends DomainError {
  constructor() {
    super(
      `${MEDIA_ERRORS}.file_missing`,
      'invalid',
      'The multipart body has no file: add a part named "file" with a filename (for example curl -F "file=@clip.mp4").',
    );
  }
}
