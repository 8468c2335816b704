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
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** The app connection's own threshold once the thread checkpoints (SQLite's default is 1,000). */
export const CHECKPOINT_FALLBACK_PAGES = 10_000;
const INTERVAL_MS = 250;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
// Background work: at the lowest priority, so a request's thread never waits behind a checkpoint
// for the core (Linux names a thread's id at /proc/thread-self; elsewhere it keeps the default).
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) require("node:os").setPriority(tid, 19);
} catch {}
const db = new Database(workerData.path);
db.exec("PRAGMA busy_timeout = 1000");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
checkpoint.raw(true);
let timer;
const tick = () => {
  try {
    checkpoint.all();
  } catch (error) {
    // Busy (another process checkpointing) or the file briefly locked: the next tick retries.
    if (!/busy|locked/i.test(String(error && error.message))) parentPort.postMessage({ error: String(error && error.message) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
timer = setTimeout(tick, workerData.intervalMs);
parentPort.on("message", () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(
  path: string,
  onError: (message: string) => void = defaultReport,
): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver: createRequire(import.meta.url).resolve("libsql"), intervalMs: INTERVAL_MS },
  });
  worker.on("message", (message: { error?: string }) => message.error && onError(message.error));
  worker.on("error", (error) => onError(error.message));
  // After the listeners: listening on a worker's messages refs it again.
  worker.unref();
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      });
      return stopped;
    },
  };
}

function defaultReport(message: string): void {
  console.warn(
    `[chatlift] WAL checkpoint failed (the app's connection checkpoints by itself past ${CHECKPOINT_FALLBACK_PAGES} pages): ${message}`,
  );
}
