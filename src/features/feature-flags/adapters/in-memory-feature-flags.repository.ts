import type { Scope } from '../../../common/scope/scope';
import { FeatureFlagsRepository } from '../feature-flags.repository';
import type { FlagDocument, FlagValues } from '../feature-flags.types';
import { FeatureFlagsVersionConflictError } from '../feature-flags.errors';

/** Dev/test adapter: documents in a map keyed by scope. Forgets everything at restart. */
export class InMemoryFeatureFlagsRepository extends FeatureFlagsRepository {
  private readonly docs = new Map<string, FlagDocument>();

  get(scope: Scope): Promise<FlagDocument | null> {
    return Promise.resolve(structuredClone(this.docs.get(scope.toString()) ?? null));
  }

  put(
    scope: Scope,
    flags: FlagValues,
    write: { actor: string; expectedVersion?: number },
  ): Promise<FlagDocument> {
    const current = this.docs.get(scope.toString()) ?? null;
    if (write.expectedVersion !== undefined && current?.version !== write.expectedVersion) {
      return Promise.reject(
        new FeatureFlagsVersionConflictError(write.expectedVersion, current?.version ?? null),
      );
    }
    const doc: FlagDocument = {
      flags: structuredClone(flags),
      version: (current?.version ?? 0) + 1,
      updated_at: new Date().toISOString(),
      updated_by: write.actor,
    };
    this.docs.set(scope.toString(), doc);
    return Promise.resolve(structuredClone(doc));
  }
}
