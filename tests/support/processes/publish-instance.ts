/**
 * One app instance publishing one flow again and again, as a merchant's clicks on another
 * instance behind the load balancer would: `tsx publish-instance.ts <shop> <admin-api-base> <flowId> <count>`.
 * Each publish changes the flow's prompt to "<flowId> #<n>", so the storefront config shows which
 * version of each flow it carries. Prints one JSON line: the versions it recorded, in order.
 */
import { createAdminApiClient } from "@shopify/admin-api-client";
import { publishFlow, readFlow } from "../../../app/flows/flows.server";
import prisma from "../../../app/db.server";
import { closeShopLocks } from "../../../app/platform/db/shop-lock.server";
import { ADMIN_SCHEMA_VERSION } from "../../../sandbox/shopify/fixture-files";

const [shop, base, flowId, countText] = process.argv.slice(2) as [string, string, string, string];
const client = createAdminApiClient({
  storeDomain: shop,
  apiVersion: ADMIN_SCHEMA_VERSION,
  accessToken: "shpat_test_token",
  customFetchApi: (url, init) =>
    fetch(String(url).replace(`https://${shop}`, base), {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), "x-chatlift-shop": shop },
    }),
});
const graphql = (query: string, options?: { variables?: Record<string, unknown> }) =>
  client.fetch(query, { variables: options?.variables });

const versions: (number | null)[] = [];
for (let n = 1; n <= Number(countText); n += 1) {
  const { draft, name } = await readFlow(shop, flowId);
  const edited = { ...(draft as unknown as Record<string, unknown>), prompt: { en: `${flowId} #${n}` } };
  const published = await publishFlow(graphql, shop, flowId, { name, draft: JSON.stringify(edited), note: `#${n}` });
  if (!published.publication) throw new Error(`publish #${n} of ${flowId} refused: ${JSON.stringify(published.saved)}`);
  versions.push(published.publication.version);
}
await closeShopLocks();
await prisma.$disconnect();
console.log(JSON.stringify({ versions }));
