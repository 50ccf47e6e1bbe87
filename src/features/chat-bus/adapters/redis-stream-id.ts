/** Orders two stream ids (`<ms>-<seq>`) as Redis does: by milliseconds, then sequence. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map(BigInt);
  const [bMs = 0n, bSeq = 0n] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

/** The id Redis would give the next entry (`XADD *`): now, or the last id's time with seq + 1. */
export function nextStreamId(lastId: string, nowMs: number): string {
  const [lastMs = 0, lastSeq = 0] = lastId.split('-').map(Number);
  return nowMs > lastMs ? `${nowMs}-0` : `${lastMs}-${lastSeq + 1}`;
}
