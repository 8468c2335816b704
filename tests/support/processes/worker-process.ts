/**
 * Other processes on the test's database, as production runs them next to the app: a real
 * `npm run worker` (scripts/worker.ts) for tests that kill, restart or race workers, and a
 * bare concurrent writer (concurrent-writer.ts) for tests of several writers on one SQLite file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../database";

/** Spawned by path, so found next to this file wherever the folder moves. */
const CONCURRENT_WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), "concurrent-writer.ts");

export interface WorkerProcesses {
  start(log: string[]): ChildProcess;
  /** For afterAll: SIGKILL every worker still running. */
  killAll(): void;
}

export function workerProcesses(): WorkerProcesses {
  const workers: ChildProcess[] = [];
  return {
    start(log) {
      const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
        cwd: projectRoot,
        env: { ...process.env, NODE_ENV: "production", CHATLIFT_WORKER_POLL_MS: "50" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      worker.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
      worker.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
      workers.push(worker);
      return worker;
    },
    killAll() {
      for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
    },
  };
}

/** Resolves once the worker has exited (at once if it already has). */
export function exited(worker: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    worker.exitCode !== null || worker.signalCode !== null ? resolve() : worker.once("exit", () => resolve()),
  );
}

/** Runs concurrent-writer.ts as its own process: `count` read-then-write transactions tagged `tag`. */
export function runConcurrentWriter(tag: string, count: number): Promise<{ failures: number; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CONCURRENT_WRITER, tag, String(count)], {
      cwd: projectRoot,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`writer ${tag} exited ${code}: ${err.slice(0, 500)}`));
      else resolve(JSON.parse(last) as { failures: number; errors: string[] });
    });
  });
}
