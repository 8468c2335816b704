/**
 * A second process writing the app's database (as `npm run worker` does next to the app):
 * `count` transactions that read, then write, each through the app's own Prisma client.
 * Prints {"failures":n,"errors":[the first three]} as its last line.
 */
import { createDatabaseClient } from "../../../app/db.server";
import { resolveDatabase } from "../../../app/platform/db/database-url";

const [tag = "writer", countText = "100"] = process.argv.slice(2);
const db = createDatabaseClient(resolveDatabase(process.env.DATABASE_URL));
let failures = 0;
const errors: string[] = [];
for (let i = 0; i < Number(countText); i += 1) {
  try {
    await db.$transaction(async (tx) => {
      const seen = await tx.webhookDelivery.count({ where: { shopDomain: tag } });
      await tx.webhookDelivery.create({ data: { webhookId: `${tag}-${i}`, shopDomain: tag, topic: `after ${seen}` } });
    });
  } catch (error) {
    failures += 1;
    if (errors.length < 3) errors.push(String(error).slice(0, 300));
  }
}
await db.$disconnect();
console.log(JSON.stringify({ failures, errors }));
