/**
 * The publish path below the pages: the whole widget config rebuilt from every published flow
 * and running experiment, the salt kept, one publish at a time per shop, and a declared winner's
 * steps adopted. The real Admin API client talks to the stand-in over HTTP.
 */
import { createAdminApiClient } from "@shopify/admin-api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { createExperiment, declareWinner, startExperiment } from "../../../app/flows/experiments/experiments.server";
import { createFlowFromTemplate, publishFlow, readFlow } from "../../../app/flows/flows.server";
import type { AdminGraphql } from "../../../app/integrations/shopify/widget-config.server";
import { INSTALLATION_ID, startAdminApi } from "../../../sandbox/admin-harness/admin-api";
import { widgetConfigSchema } from "../../../contract/widget-config";
import { NOW } from "../../support/clock";
import { ADMIN_SCHEMA_VERSION } from "../../../sandbox/shopify/fixture-files";

const SHOP = "harbor-supply.myshopify.com";

describe("publishing the widget config", () => {
  let api: Awaited<ReturnType<typeof startAdminApi>>;
  let graphql: AdminGraphql;
  const config = () =>
    widgetConfigSchema.parse(
      JSON.parse(api.state.metafields.get(`${SHOP}|${INSTALLATION_ID}|chatlift|widget_config`)!.value),
    );
  const publishDraft = async (
    flowId: string,
    edit: (draft: Record<string, unknown>) => Record<string, unknown> = (draft) => draft,
  ) => {
    const { draft, name } = await readFlow(SHOP, flowId);
    return publishFlow(
      graphql,
      SHOP,
      flowId,
      { name, draft: JSON.stringify(edit(draft as unknown as Record<string, unknown>)), note: "" },
      NOW,
    );
  };

  beforeAll(async () => {
    api = await startAdminApi();
    const client = createAdminApiClient({
      storeDomain: SHOP,
      apiVersion: ADMIN_SCHEMA_VERSION,
      accessToken: "shpat_test_token",
      customFetchApi: (url, init) =>
        fetch(String(url).replace(`https://${SHOP}`, api.base), {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), "x-chatlift-shop": SHOP },
        }),
    });
    graphql = (query, options) => client.fetch(query, { variables: options?.variables });
    await prisma.shop.create({ data: { domain: SHOP, currency: "USD", holdoutPercent: 20 } });
    for (const template of ["fit_help", "coupon_offer", "b2b_qualifier"]) await createFlowFromTemplate(SHOP, template);
  });
  afterAll(() => api.close());

  it("carries every published flow, in creation order, with the shop's holdout and one salt for good", async () => {
    // GIVEN three flows, two of them published
    await publishDraft("fit-help");
    const firstSalt = config().salt;
    await publishDraft("demo");
    // THEN the config holds both, with the 20% holdout, and the salt did not change
    expect(config().flows.map((flow) => flow.id)).toEqual(["fit-help", "demo"]);
    expect(config()).toMatchObject({ holdoutPercent: 20, salt: firstSalt });
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).armSalt).toBe(firstSalt);
  });

  it("a flow turned off leaves the storefront on its next publish", async () => {
    await publishDraft("demo", (draft) => ({ ...draft, enabled: false }));
    expect(config().flows.map((flow) => flow.id)).toEqual(["fit-help"]);
  });

  it("two changes at once both reach the storefront: publishes run one after the other", async () => {
    await publishDraft("cart-coupon");
    const created = await createExperiment(SHOP, {
      name: "Urgency",
      flowId: "cart-coupon",
      controlVariantId: "ten-off",
      minimumDetectableEffect: "10",
      "weight.ten-off": "1",
      "weight.ten-off-urgent": "1",
    });
    // WHEN an experiment starts while another flow is published
    await Promise.all([
      startExperiment(graphql, SHOP, created.id!, NOW),
      publishDraft("fit-help", (draft) => ({ ...draft, prompt: { en: "Need a size hand?" } })),
    ]);
    // THEN the last config written has both changes
    const flows = config().flows;
    expect(flows.find((flow) => flow.id === "cart-coupon")!.variants.map((variant) => variant.id)).toEqual([
      "ten-off",
      "ten-off-urgent",
    ]);
    expect(flows.find((flow) => flow.id === "fit-help")!.prompt).toEqual({ en: "Need a size hand?" });
  });

  it("a winning variant's own steps become the flow's", async () => {
    // GIVEN the coupon flow with a challenger offering another code (published while its test runs)
    await prisma.experiment.updateMany({ where: { shopDomain: SHOP }, data: { status: "stopped" } });
    await publishDraft("cart-coupon", (draft) => ({
      ...draft,
      variants: [
        { id: "ten-off", weight: 1 },
        {
          id: "fifteen-off",
          weight: 1,
          steps: [{ id: "code", kind: "coupon", goal: true, code: "CHAT15", text: { en: "Here is 15% off." } }],
        },
      ],
    }));
    const created = await createExperiment(SHOP, {
      name: "Bigger code",
      flowId: "cart-coupon",
      controlVariantId: "ten-off",
      minimumDetectableEffect: "10",
      "weight.ten-off": "1",
      "weight.fifteen-off": "1",
    });
    await startExperiment(graphql, SHOP, created.id!, NOW);
    // WHEN the challenger is declared the winner
    await declareWinner(graphql, SHOP, created.id!, "fifteen-off", NOW);
    // THEN the storefront runs its steps, for everyone
    const coupon = config().flows.find((flow) => flow.id === "cart-coupon")!;
    expect(coupon.steps).toMatchObject([{ kind: "coupon", code: "CHAT15" }]);
    expect(coupon.variants).toEqual([]);
    expect((await readFlow(SHOP, "cart-coupon")).draft.steps).toMatchObject([{ code: "CHAT15" }]);
  });
});
