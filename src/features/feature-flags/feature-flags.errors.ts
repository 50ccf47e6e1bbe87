import { VersionConflictError } from '../../common/errors/domain.error';
import { FEATURE_FLAGS_KIND } from './feature-flags.types';

/** `409 feature_flags.version_conflict`. */
export class FeatureFlagsVersionConflictError extends VersionConflictError {
  constructor(expected: number, actual: number | null) {
    super(FEATURE_FLAGS_KIND, expected, actual);
  }
}
