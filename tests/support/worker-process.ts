/**
 * A real `npm run worker` process (scripts/worker.ts) for tests that kill, restart or race
 * workers: production mode, polling every 50 ms, its output collected into `log`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { projectRoot } from "./database";

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
  return new Promise((resolve) => (worker.exitCode !== null || worker.signalCode !== null ? resolve() : worker.once("exit", () => resolve())));
}
