/**
 * Children of the demo run in their own process group, so stopping one stops everything it
 * started (scripts/start.mjs starts remix-serve), and a Ctrl-C never leaves an orphan behind.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface Child {
  process: ChildProcess;
  /** Everything it printed, for the error message when it dies early. */
  output(): string;
  stop(): Promise<void>;
}

const alive = new Set<ChildProcess>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false; // the whole group is gone
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** If the demo itself dies (an uncaught error), its children die with it. */
process.once("exit", () => {
  for (const child of alive) signalGroup(child, "SIGKILL");
});

export function startChild(
  label: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; /** Pass its stderr through. */ echo?: boolean },
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  alive.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  // Warnings and errors only: the request log would bury the demo's own lines.
  if (options.echo)
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(`[${label}] ${chunk.toString("utf8")}`));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => alive.delete(child));
  return {
    process: child,
    output: () => output,
    async stop() {
      // The group (start.mjs and the remix-serve it started) must be empty before we return.
      // remix-serve answers the first SIGTERM by closing its server and then waits for the
      // event loop to drain, which the app's job runner never lets happen; the second SIGTERM
      // ends it (the default action). SIGKILL only if even that did not.
      const gone = async (ms: number) => {
        const deadline = Date.now() + ms;
        while (signalGroup(child, 0) && Date.now() < deadline) await sleep(100);
        return !signalGroup(child, 0);
      };
      signalGroup(child, "SIGTERM");
      if (!(await gone(1_500))) {
        signalGroup(child, "SIGTERM");
        if (!(await gone(6_000))) signalGroup(child, "SIGKILL");
      }
      await exited;
    },
  };
}

/**
 * The fixed ports among `ports` that something already listens on. Checked before the demo touches anything (its
 * database, its build): a second `npm run demo` must find the first one's ports taken and leave it running intact.
 */
export async function portsInUse(ports: Record<string, number>): Promise<Array<{ name: string; port: number }>> {
  const taken: Array<{ name: string; port: number }> = [];
  for (const [name, port] of Object.entries(ports)) {
    if (!port) continue; // 0: the system chooses, nothing to collide with
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (free) await new Promise<void>((resolve) => server.close(() => resolve()));
    else taken.push({ name, port });
  }
  return taken;
}

/** A port nobody listens on right now (the app's port must be known before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  child?: Child,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (child && child.process.exitCode !== null)
      throw new Error(`${what}: the process exited (${child.process.exitCode}):\n${child.output()}`);
    if (Date.now() > deadline)
      throw new Error(`${what}: gave up after ${Math.round(timeoutMs / 1000)} s${child ? `:\n${child.output()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
