import type { Blackboard } from './memory.types';

/** A clock adapters read "now" from; tests pass a fixed one to show expiry without waiting. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Whether an entry is still live at `now` (an entry expiring exactly now is gone). */
export function isLive(entry: Pick<Blackboard, 'expires_at'>, now: Date): boolean {
  return entry.expires_at === null || Date.parse(entry.expires_at) > now.getTime();
}
