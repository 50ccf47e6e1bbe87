import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../common/request-context/request-context';
import { FeatureFlagRepository } from './feature-flag.repository';
import {
  DEFAULT_FLAGS,
  type EffectiveFlags,
  type FlagDocument,
  type FlagSource,
  type FlagValues,
} from './feature-flag.types';

/** The level a write targets. */
export type WritableLevel = 'project' | 'tenant';

/** Effective flags with the fallback chain project → tenant → t_system → defaults. */
@Injectable()
export class FeatureFlagsService {
  constructor(
    private readonly flags: FeatureFlagRepository,
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
    const scope = level === 'project' ? this.context.scope : this.context.scope.tenantWide();
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
}
