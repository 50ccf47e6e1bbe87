import type { ChainableCommander } from 'ioredis';

/**
 * Runs a MULTI block and throws the first command error. ioredis resolves `exec()` with one
 * `[error, result]` pair per command, so a failed command would otherwise pass unnoticed.
 */
export async function execAll(multi: ChainableCommander): Promise<void> {
  const results = await multi.exec();
  const failed = results?.find(([err]) => err !== null)?.[0];
  if (failed) throw failed;
}
