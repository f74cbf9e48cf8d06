// The pause between two slices of a long computation (a draft's check, a workspace check): the
// connection reads and answers what came in meanwhile, and what it answered goes out before the
// next slice.
//
// Why the second part: an answer bigger than the pipe to the editor (64 KB for stdio, the outline
// of a long draft is a megabyte) is handed to the OS a pipe-full per turn of the event loop, and
// a turn is a slice of 20–30 ms: a 1 MB outline took 16 slices, half a second, to arrive.
import { YieldNow } from '../engine/match/slices';

/** How long a pause waits at most for the output to go out (an editor that stopped reading must not stop the checks). */
export const MAX_FLUSH_WAIT_MS = 200;

/** True while the connection holds output not yet handed to the OS. */
export type OutputPending = () => boolean;

/** A pause: one turn of the event loop, then more while `pending` says output is waiting, up to MAX_FLUSH_WAIT_MS. */
export function pauseFor(pending: OutputPending): YieldNow {
  return async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const until = Date.now() + MAX_FLUSH_WAIT_MS;
    // A timer, not an immediate: the event loop then waits in its poll phase, where the pipe is written.
    while (pending() && Date.now() < until) await new Promise<void>((resolve) => setTimeout(resolve, 1));
  };
}

/**
 * What `createConnection()` writes to, told by the same arguments it reads: `--stdio` (process
 * stdout) or `--node-ipc` (process.send, as VS Code starts the server). Other transports (a
 * socket, a named pipe) are not watched: their pauses are one turn, as before.
 */
export function connectionOutput(argv: readonly string[] = process.argv): OutputPending {
  if (argv.includes('--stdio')) return () => process.stdout.writableLength > 0;
  if (argv.includes('--node-ipc') && typeof process.send === 'function') return countIpcSends();
  return () => false;
}

/**
 * Node does not say how much an IPC channel holds: process.send is wrapped to count the
 * messages whose callback (called once the message is written) has not come yet.
 */
function countIpcSends(): OutputPending {
  let unsent = 0;
  const send = process.send!.bind(process) as (...args: unknown[]) => boolean;
  process.send = ((...args: unknown[]) => {
    const last = args.length - 1;
    const callback = typeof args[last] === 'function' ? (args.pop() as (error: Error | null) => void) : undefined;
    unsent++;
    let done = false;
    return send(...args, (error: Error | null) => {
      if (!done) unsent--;
      done = true;
      callback?.(error);
    });
  }) as typeof process.send;
  return () => unsent > 0;
}
