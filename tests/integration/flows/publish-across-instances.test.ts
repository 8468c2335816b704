/**
 * Two app instances (two processes on one database) publishing the same shop's widget config at
 * once, each a different flow, again and again. Each publish rebuilds the whole config from what
 * the last one recorded and writes it to Shopify: interleaved, one instance would overwrite the
 * other's newest flow with an older one. With the per-shop database lock
 * (app/platform/db/shop-lock.server.ts: an advisory lock on PostgreSQL) they take turns. On SQLite
 * one instance per database is the rule, so this runs on PostgreSQL (`npm run test:pg`).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { createFlowFromTemplate } from "../../../app/flows/flows.server";
import { INSTALLATION_ID, startAdminApi } from "../../../sandbox/admin-harness/admin-api";
import { widgetConfigSchema } from "../../../contract/widget-config";
import { projectRoot } from "../../support/database";

const SHOP = "two-instances.myshopify.com";
const PUBLISHES = 6;
const INSTANCE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../support/processes/publish-instance.ts");
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

function instance(base: string, flowId: string): Promise<{ versions: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", INSTANCE, SHOP, base, flowId, String(PUBLISHES)], {
      cwd: projectRoot,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{"))
        reject(new Error(`instance ${flowId} exited ${code}: ${err.slice(-1500)}`));
      else resolve(JSON.parse(last) as { versions: number[] });
    });
  });
}

describe.skipIf(!onPostgres)("two app instances publishing one shop's widget config (PostgreSQL)", () => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  beforeAll(async () => {
    api = await startAdminApi();
    await prisma.shop.create({ data: { domain: SHOP, currency: "USD", holdoutPercent: 10 } });
    for (const template of ["fit_help", "b2b_qualifier"]) await createFlowFromTemplate(SHOP, template);
  });
  afterAll(() => api.close());

  it(
    `GIVEN two instances WHEN each publishes its own flow ${PUBLISHES} times at once THEN versions are recorded in order, no publish is lost, and the storefront carries both flows' last versions`,
    { timeout: 120_000 },
    async () => {
      const [fit, demo] = await Promise.all([instance(api.base, "fit-help"), instance(api.base, "demo")]);

      // THEN each instance saw its flow's versions 1..N in order
      const inOrder = Array.from({ length: PUBLISHES }, (_, index) => index + 1);
      expect(fit.versions).toEqual(inOrder);
      expect(demo.versions).toEqual(inOrder);
      // AND every publish was recorded once, each building on the one before it: the k-th config
      // carries k publishes in all (fit-help #a and demo #b with a + b = k). Two built from the same
      // state would carry the same count, and the later one would have dropped the other's change.
      const publications = await prisma.widgetPublication.findMany({
        where: { shopDomain: SHOP },
        select: { config: true },
      });
      expect(publications).toHaveLength(2 * PUBLISHES);
      const publishesCarried = publications.map((publication) =>
        widgetConfigSchema
          .parse(JSON.parse(publication.config))
          .flows.reduce((sum, flow) => sum + Number(/#(\d+)$/.exec(flow.prompt.en ?? "")?.[1] ?? 0), 0),
      );
      expect(publishesCarried.sort((a, b) => a - b)).toEqual(
        Array.from({ length: 2 * PUBLISHES }, (_, index) => index + 1),
      );
      // AND the storefront holds the last publication: both flows at their last version
      const stored = widgetConfigSchema.parse(
        JSON.parse(api.state.metafields.get(`${SHOP}|${INSTALLATION_ID}|chatlift|widget_config`)!.value),
      );
      expect(Object.fromEntries(stored.flows.map((flow) => [flow.id, flow.prompt.en]))).toEqual({
        "fit-help": `fit-help #${PUBLISHES}`,
        demo: `demo #${PUBLISHES}`,
      });
    },
  );
});
