import { versionConflictOf } from '../../common/errors/domain.error';
import { FEATURE_FLAGS_KIND } from './feature-flags.types';

/** `409 feature_flags.version_conflict`. */
export class FeatureFlagsVersionConflictError extends versionConflictOf(FEATURE_FLAGS_KIND) {}
