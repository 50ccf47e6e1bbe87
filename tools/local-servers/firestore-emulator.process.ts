/**
 * Child-process entry of {@link spawnFirestoreEmulator}: runs the in-process emulator in its
 * own process so a fault test can freeze it (SIGSTOP) without freezing itself. The parent
 * drives it over IPC: `{ cmd: 'stop' }` stops serving and keeps the data, `{ cmd: 'start' }`
 * serves the same data on the same port again. Each command is acknowledged with
 * `{ ok: true, port }` or `{ ok: false, error }`.
 */
import { startFirestoreEmulator } from './firestore-emulator';

interface Command {
  cmd: 'stop' | 'start';
}

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? '0');
  const emulator = await startFirestoreEmulator({ port });
  const reply = (msg: object): void => {
    process.send?.(msg);
  };
  process.on('message', (msg: Command) => {
    const work = msg.cmd === 'stop' ? emulator.stop() : emulator.restart();
    work.then(
      () => reply({ ok: true, port: emulator.port }),
      (err: Error) => reply({ ok: false, error: err.message }),
    );
  });
  // The parent went away: nothing can drive this emulator any more.
  process.on('disconnect', () => process.exit(0));
  reply({ ok: true, port: emulator.port });
}

main().catch((err: Error) => {
  process.send?.({ ok: false, error: err.message });
  process.exit(1);
});
