import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import prisma, { databaseTarget } from "../../../../app/db.server";
import { projectRoot } from "../../../support/database";

const WRITER = path.join(projectRoot, "tests/integration/platform/jobs/support/concurrent-writer.ts");
const RUN = randomUUID().slice(0, 8);

function runWriter(tag: string, count: number): Promise<{ failures: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WRITER, tag, String(count)], { cwd: projectRoot, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`writer ${tag} exited ${code}: ${err.slice(0, 500)}`));
      else resolve(JSON.parse(last) as { failures: number });
    });
  });
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe("several processes writing one database (the app and `npm run worker`)", () => {
  it.runIf(databaseTarget.provider === "sqlite")(
    "GIVEN three processes each running read-then-write transactions at once THEN none fails and every write is kept",
    async () => {
      const tags = ["a", "b", "c"].map((name) => `writer-${name}-${RUN}`);

      const results = await Promise.all(tags.map((tag) => runWriter(tag, 100)));

      expect(results).toEqual([{ failures: 0 }, { failures: 0 }, { failures: 0 }]);
      for (const tag of tags) expect(await prisma.webhookDelivery.count({ where: { shopDomain: tag } })).toBe(100);
    },
    60_000,
  );
});
