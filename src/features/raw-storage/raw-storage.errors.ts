import { DomainError, notFoundOf } from '../../common/errors/domain.error';
import { RAW_ERRORS } from './raw-storage.types';

/** `404 raw_storage.not_found`: no asset with this id in the request's scope. */
export class RawNotFoundError extends notFoundOf(RAW_ERRORS, 'Raw asset') {}

/** `404 raw_storage.object_missing`: the asset exists but nothing was uploaded to its key. */
export class RawObjectMissingError extends DomainError {
  constructor(assetId: string) {
    super(
      `${RAW_ERRORS}.object_missing`,
      'not_found',
      `Nothing was uploaded for raw asset "${assetId}": PUT the bytes to the upload URL (before it expires), then complete again.`,
      { asset_id: assetId },
    );
  }
}

/** `413 raw_storage.too_large`: the declared size is over the configured limit. */
export class RawTooLargeError extends DomainError {
  constructor(sizeBytes: number, maxBytes: number) {
    super(
      `${RAW_ERRORS}.too_large`,
      'too_large',
      `size_bytes ${sizeBytes} is over the limit of ${maxBytes} bytes: upload a smaller file (or ask an operator to raise the limit).`,
      { size_bytes: sizeBytes, max_bytes: maxBytes },
    );
  }
}

/** `409 raw_storage.size_mismatch`: the uploaded object is not the declared size (it is removed). */
export class RawSizeMismatchError extends DomainError {
  constructor(assetId: string, declared: number, stored: number) {
    super(
      `${RAW_ERRORS}.size_mismatch`,
      'conflict',
      `Raw asset "${assetId}" was declared as ${declared} bytes but ${stored} were uploaded; the object was removed. ` +
        'PUT exactly size_bytes bytes to the upload URL (or create a new upload with the right size), then complete again.',
      { asset_id: assetId, declared_size_bytes: declared, stored_size_bytes: stored },
    );
  }
}

/** `409 raw_storage.upload_incomplete`: the asset has no completed upload yet. */
export class RawUploadIncompleteError extends DomainError {
  constructor(assetId: string) {
    super(
      `${RAW_ERRORS}.upload_incomplete`,
      'conflict',
      `Raw asset "${assetId}" has no completed upload: PUT the bytes to the upload URL, then POST /raw/uploads/${assetId}/complete.`,
      { asset_id: assetId },
    );
  }
}
