/**
 * What a demo checks before it builds, deletes or starts anything: a running demo's ports and database stay its
 * own. A second `npm run demo` once deleted the running one's database, then crashed on EADDRINUSE.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DemoPorts } from "./config";
import { portsInUse } from "./processes";

/** Why the demo did not start, found before it changed anything: main prints the message and exits non-zero. */
export class DemoNotStarted extends Error {}

/** How to run a second demo beside a running one without touching it. */
export const SECOND_DEMO_HINT = "npm run demo -- --ports any --db data/demo-2.sqlite";

export async function refuseTakenPorts(ports: DemoPorts): Promise<void> {
  const taken = await portsInUse({ ...ports });
  if (!taken.length) return;
  throw new DemoNotStarted(
    [
      `${taken.map(({ name, port }) => `port ${port} (${name})`).join(", ")} already in use: is another demo running?`,
      "Nothing was started or changed. Stop the other program, or run a second demo beside it on free ports",
      `with a database of its own: \`${SECOND_DEMO_HINT}\``,
    ].join("\n"),
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/**
 * The demo's database is made fresh at every start, so a start must never take a file another demo still
 * runs on (`--ports any` with the default database): the file's `.pid` names its demo while it runs.
 */
export function claimDatabase(file: string): () => void {
  const pidFile = `${file}.pid`;
  const holder = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) : 0;
  if (holder && holder !== process.pid && isRunning(holder))
    throw new DemoNotStarted(
      `${file} is the database of the demo running as process ${holder}; nothing was changed.\n` +
        `Stop that demo, or give this one a database of its own: \`${SECOND_DEMO_HINT}\``,
    );
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(pidFile, String(process.pid));
  return () => rmSync(pidFile, { force: true });
}
