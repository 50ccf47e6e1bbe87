import type { Scope } from '../../src/common/scope/scope';
import type { FirearmsRepository } from '../../src/features/firearms/firearms.repository';
import type { LicenceSubject } from '../../src/features/firearms/firearms.types';
import { HOUR, iso, licence } from './firearms.repository.contract';
import type { ScopeDataContractOptions } from './scope-data.contract';

const AGENT: LicenceSubject = { subject_type: 'agent', subject_id: 'agent_1' };
const TOOL: LicenceSubject = { subject_type: 'tool', subject_id: 'tool.shell' };

/**
 * Firearms for the scope-data round trip: two action policies (one at version 2) and
 * licences that are active, revoked (version 2) and expired, for two subjects.
 */
export const firearmsScopeData: ScopeDataContractOptions<FirearmsRepository> = {
  async seed(repo, scope: Scope) {
    await repo.putAction(scope, 'deploy:prod', 'medium', { actor: 'u_a' });
    await repo.putAction(scope, 'deploy:prod', 'high', { actor: 'u_b', expectedVersion: 1 });
    await repo.putAction(scope, 'tool.shell-exec', 'low', { actor: 'u_a' });
    await repo.createLicence(scope, licence({ level: 'high', expires_at: iso(2 * HOUR) }));
    await repo.createLicence(scope, licence({ ...TOOL, level: 'low' }));
    await repo.createLicence(scope, licence({ level: 'medium', expires_at: iso(-HOUR) }));
    const revoked = await repo.createLicence(scope, licence({ level: 'high' }));
    await repo.updateLicence(scope, revoked.id, (l) => ({
      ...l,
      status: 'revoked',
      revoked_at: iso(0),
      revoked_by: 'u_admin',
      revoke_reason: 'left the team',
      version: l.version + 1,
      updated_at: iso(0),
    }));
  },

  /** Lists and gets of both collections, and the checks a valid licence answers. */
  async read(repo, scope) {
    const actions = await repo.listActions(scope, { limit: 100 });
    const licences = await repo.listLicences(scope, {}, { limit: 100 });
    const now = iso(0);
    return {
      actions,
      action: await repo.getAction(scope, 'deploy:prod'),
      licences,
      gets: await Promise.all(licences.map((l) => repo.getLicence(scope, l.id))),
      agent: await repo.listLicences(scope, AGENT, { limit: 100 }),
      tools: await repo.listLicences(scope, { subject_type: 'tool' }, { limit: 100 }),
      valid: {
        high: await repo.findValidLicence(scope, AGENT, 'high', now),
        medium: await repo.findValidLicence(scope, AGENT, 'medium', now),
        tool: await repo.findValidLicence(scope, TOOL, 'low', now),
      },
    };
  },
};
