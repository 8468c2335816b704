/**
 * Moves SQLite's WAL checkpoints off the request path.
 *
 * By default the connection whose commit pushes the WAL past 1,000 pages copies them back into
 * the database file inside that commit: every ~25th order webhook or ~35th event batch took
 * 5 ms longer (the benchmarks' p99). Here a worker thread with its own connection checkpoints
 * a few times a second instead (PASSIVE: it never waits for or blocks a writer), and the app's
 * connection checkpoints by itself only if the WAL still grows past CHECKPOINT_FALLBACK_PAGES
 * (the thread stuck or gone), so the WAL stays bounded either way.
 *
 * The thread is an inline CommonJS worker that loads the same `libsql` driver by its resolved
 * path, so it runs the same under tsx, vitest and the production build. It is unref'd: it
 * never keeps a process alive.
 *
 * Why the shared state word: Node ends a worker thread at process exit by terminating its
 * JavaScript, and a thread terminated while inside the driver's native code aborts the whole
 * process (libsql 0.5's binding asserts on the failed Node-API call that follows: SIGABRT,
 * exit 134, after the process's work was done; one run in four of a process that exited
 * during a checkpoint). So the thread only enters the driver after claiming the word, and
 * stop() (called on close and on process exit) takes the word away synchronously, waiting out a
 * checkpoint already running: after stop() returns the thread never calls the driver again.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** The app connection's own threshold once the thread checkpoints (SQLite's default is 1,000). */
export const CHECKPOINT_FALLBACK_PAGES = 10_000;
const INTERVAL_MS = 250;
/** How long stop() waits for a checkpoint in progress; past it the thread is presumed stuck and left. */
const STOP_WAIT_MS = 5_000;

/** The shared word: the thread may start a call (IDLE), is in one (BUSY), or must never call again (STOPPED). */
const IDLE = 0;
const BUSY = 1;
const STOPPED = 2;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const state = new Int32Array(workerData.state);
// Background work: at the lowest priority, so a request's thread never waits behind a checkpoint
// for the core (Linux names a thread's id at /proc/thread-self; elsewhere it keeps the default).
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) require("node:os").setPriority(tid, 19);
} catch {}
let checkpoint;
try {
  const Database = require(workerData.driver);
  const db = new Database(workerData.path);
  db.exec("PRAGMA busy_timeout = 1000");
  checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
  checkpoint.raw(true);
} catch (error) {
  Atomics.store(state, 0, ${STOPPED});
  Atomics.notify(state, 0);
  parentPort.postMessage({ error: String(error && error.message) });
}
const tick = () => {
  if (Atomics.compareExchange(state, 0, ${IDLE}, ${BUSY}) !== ${IDLE}) return;
  try {
    checkpoint.all();
  } catch (error) {
    // Busy (another process checkpointing) or the file briefly locked: the next tick retries.
    if (!/busy|locked/i.test(String(error && error.message))) parentPort.postMessage({ error: String(error && error.message) });
  } finally {
    Atomics.store(state, 0, ${IDLE});
    Atomics.notify(state, 0);
  }
  setTimeout(tick, workerData.intervalMs);
};
if (checkpoint) {
  // The driver was opened while the word said BUSY (so set by the app before the thread started).
  Atomics.store(state, 0, ${IDLE});
  Atomics.notify(state, 0);
  setTimeout(tick, workerData.intervalMs);
}
`;

export interface WalCheckpointer {
  /** Synchronous: when it returns the thread will never call the driver again, and it is being ended. */
  stop(): void;
}

const running = new Set<WalCheckpointer>();
let stopAllOnExit = false;

export function startWalCheckpointer(
  path: string,
  onError: (message: string) => void = defaultReport,
): WalCheckpointer {
  const state = new Int32Array(new SharedArrayBuffer(4));
  state[0] = BUSY;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path,
      driver: createRequire(import.meta.url).resolve("libsql"),
      intervalMs: INTERVAL_MS,
      state: state.buffer,
    },
  });
  worker.on("message", (message: { error?: string }) => message.error && onError(message.error));
  worker.on("error", (error) => {
    Atomics.store(state, 0, STOPPED);
    onError(error.message);
  });
  // After the listeners: listening on a worker's messages refs it again.
  worker.unref();

  const checkpointer: WalCheckpointer = {
    stop() {
      if (!running.delete(checkpointer)) return;
      const deadline = Date.now() + STOP_WAIT_MS;
      while (Atomics.compareExchange(state, 0, IDLE, STOPPED) === BUSY) {
        const left = deadline - Date.now();
        if (left <= 0) {
          onError(`the checkpoint thread did not finish its call within ${STOP_WAIT_MS} ms; left running`);
          return;
        }
        Atomics.wait(state, 0, BUSY, left);
      }
      void worker.terminate();
    },
  };
  running.add(checkpointer);
  if (!stopAllOnExit) {
    stopAllOnExit = true;
    // 'exit' listeners run before Node ends worker threads, on a natural exit and on process.exit() alike.
    process.on("exit", () => {
      for (const each of [...running]) each.stop();
    });
  }
  return checkpointer;
}

function defaultReport(message: string): void {
  console.warn(
    `[chatlift] WAL checkpoint failed (the app's connection checkpoints by itself past ${CHECKPOINT_FALLBACK_PAGES} pages): ${message}`,
  );
}
