import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/request-context/request-context';
import type { Scope } from '../../common/scope/scope';
import { FeatureFlagsRepository } from './feature-flags.repository';
import {
  DEFAULT_FLAGS,
  type EffectiveFlags,
  type FlagDocument,
  type FlagSource,
  type FlagValues,
} from './feature-flags.types';
import { FeatureFlagsVersionConflictError } from './feature-flags.errors';
import { applyFlagsPatch, type FlagsPatch } from './feature-flags.merge-patch';

/** Reads and merges again at most this often when other writers keep winning. */
const PATCH_ATTEMPTS = 3;

/** The level a write targets. */
export type WritableLevel = 'project' | 'tenant';

/** Effective flags with the fallback chain project → tenant → t_system → defaults. */
@Injectable()
export class FeatureFlagsService {
  constructor(
    private readonly flags: FeatureFlagsRepository,
    private readonly context: RequestContext,
  ) {}

  async effective(): Promise<EffectiveFlags> {
    const scope = this.context.scope;
    const sources: FlagSource[] = ['project', 'tenant', 'system'];
    const docs: (FlagDocument | null)[] = await Promise.all([
      this.flags.get(scope),
      this.flags.get(scope.tenantWide()),
      this.flags.get(scope.system()),
    ]);
    const found = docs.findIndex((d) => d !== null);
    const doc = docs[found];
    if (doc)
      return {
        flags: doc.flags,
        source: sources[found] as FlagSource,
        version: doc.version,
        updated_at: doc.updated_at,
      };
    return {
      flags: structuredClone(DEFAULT_FLAGS),
      source: 'default',
      version: null,
      updated_at: null,
    };
  }

  /** Replaces one level's document; flags not given take their defaults. */
  async replace(
    level: WritableLevel,
    input: Partial<FlagValues>,
    expectedVersion?: number,
  ): Promise<FlagDocument & { level: WritableLevel }> {
    const scope = this.levelScope(level);
    const flags: FlagValues = {
      ...structuredClone(DEFAULT_FLAGS),
      ...input,
      custom: { ...(input.custom ?? {}) },
    };
    const doc = await this.flags.put(scope, flags, {
      actor: this.context.principal.subject,
      expectedVersion,
    });
    return { ...doc, level };
  }

  /**
   * Merges `patch` (RFC 7396) into one level's document (defaults when it has none). With
   * `expectedVersion` a stale version is `409`; without, the write is still conditional on
   * the version just read, and a concurrent writer makes it read and merge again.
   */
  async patch(
    level: WritableLevel,
    patch: FlagsPatch,
    expectedVersion?: number,
  ): Promise<FlagDocument & { level: WritableLevel }> {
    const scope = this.levelScope(level);
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.flags.get(scope);
      const flags = applyFlagsPatch(current?.flags ?? structuredClone(DEFAULT_FLAGS), patch);
      try {
        const doc = await this.flags.put(scope, flags, {
          actor: this.context.principal.subject,
          expectedVersion: expectedVersion ?? current?.version,
        });
        return { ...doc, level };
      } catch (err) {
        const retry = expectedVersion === undefined && attempt < PATCH_ATTEMPTS;
        if (!(retry && err instanceof FeatureFlagsVersionConflictError)) throw err;
      }
    }
  }

  private levelScope(level: WritableLevel): Scope {
    return level === 'project' ? this.context.scope : this.context.scope.tenantWide();
  }
}
