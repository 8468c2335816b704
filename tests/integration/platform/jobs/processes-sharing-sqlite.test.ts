import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import prisma, { databaseTarget } from "../../../../app/db.server";
import { runConcurrentWriter as runWriter } from "../../../support/processes/worker-process";

const RUN = randomUUID().slice(0, 8);

afterAll(async () => {
  await prisma.$disconnect();
});

describe("several processes writing one database (the app and `npm run worker`)", () => {
  it.runIf(databaseTarget.provider === "sqlite")(
    "GIVEN three processes each running read-then-write transactions at once THEN none fails and every write is kept",
    async () => {
      const tags = ["a", "b", "c"].map((name) => `writer-${name}-${RUN}`);

      const results = await Promise.all(tags.map((tag) => runWriter(tag, 100)));

      expect(results).toEqual([
        { failures: 0, errors: [] },
        { failures: 0, errors: [] },
        { failures: 0, errors: [] },
      ]);
      for (const tag of tags) expect(await prisma.webhookDelivery.count({ where: { shopDomain: tag } })).toBe(100);
    },
    60_000,
  );
});
