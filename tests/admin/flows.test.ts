/**
 * The flow pages' loaders and actions with real session tokens, publishing through the app's
 * real `admin.graphql` to the Admin API stand-in (documents validated on the 2026-10 schema).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { action as listAction, loader as listLoader } from "../../app/routes/app.flows._index";
import { action as editAction, loader as editLoader } from "../../app/routes/app.flows.$flowId";
import { documentRequest, fetchRequest, formPost } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs, thrown } from "../support/http/responses";
import { adminApiStandIn, publishedConfig } from "../support/builders/flows";
import { unwrap } from "../support/http/responses";
import { freezeClock, NOW } from "../support/clock";

const HARBOR = "harbor-supply";
const PEAK = "north-peak";

describe("flows: create from a template, edit, publish, roll back", () => {
  let api: Awaited<ReturnType<typeof adminApiStandIn>>;
  let minutes = 0;
  beforeAll(async () => {
    freezeClock();
    api = await adminApiStandIn();
    await storeOfflineSession(prisma, HARBOR);
    await storeOfflineSession(prisma, PEAK);
  });
  // A frozen clock, a minute on per test: versions and publications get distinct, known times.
  beforeEach(() => {
    minutes += 1;
    vi.setSystemTime(new Date(NOW.getTime() + minutes * 60_000));
  });
  afterAll(async () => {
    vi.useRealTimers();
    await api.close();
  });

  const editPost = (store: string, flowId: string, fields: Record<string, string>) =>
    formPost(store, `/app/flows/${flowId}`, fields);
  const editArgs = async (store: string, flowId: string, fields: Record<string, string>) =>
    routeArgs(await editPost(store, flowId, fields), { flowId });

  it("lists templates, creates a flow from one, and shows it only to its shop", async () => {
    // GIVEN a shop without flows
    const before = await listLoader(routeArgs(await documentRequest(HARBOR, "/app/flows")));
    expect(before.flows).toEqual([]);
    expect(before.templates.map((template) => template.key)).toContain("coupon_offer");
    // WHEN the merchant uses the coupon template
    const created = unwrap<{ location: string }>(
      await listAction(routeArgs(await formPost(HARBOR, "/app/flows", { intent: "create", template: "coupon_offer" }))),
    );
    // THEN the editor of the new draft opens
    expect(created).toEqual({ status: 302, body: { location: "/app/flows/cart-coupon" } });
    const after = await listLoader(routeArgs(await documentRequest(HARBOR, "/app/flows")));
    expect(after.flows).toMatchObject([
      { id: "cart-coupon", name: "Coupon offer", publishedVersion: null, enabled: true },
    ]);
    // AND the other shop sees none of it
    expect((await listLoader(routeArgs(await documentRequest(PEAK, "/app/flows")))).flows).toEqual([]);
  });

  it("refuses an unknown template with a clear error", async () => {
    const result = unwrap<{ error: string }>(
      await listAction(routeArgs(await formPost(HARBOR, "/app/flows", { intent: "create", template: "chatbot" }))),
    );
    expect(result).toEqual({ status: 400, body: { error: "Choose one of the templates" } });
  });

  it("refuses an invalid draft with each error at its field, and keeps the stored draft", async () => {
    const { flow } = await editLoader(
      routeArgs(await documentRequest(HARBOR, "/app/flows/cart-coupon"), { flowId: "cart-coupon" }),
    );
    const stored = await prisma.flow.findUniqueOrThrow({
      where: { shopDomain_id: { shopDomain: domainOf(HARBOR), id: "cart-coupon" } },
    });
    const draft = { ...flow.draft, prompt: {}, steps: [{ ...flow.draft.steps[0], code: "10 OFF" }] };

    const result = unwrap<{ kind: string; fieldErrors: Record<string, string> }>(
      await editAction(
        await editArgs(HARBOR, "cart-coupon", { intent: "save", name: "Coupon", draft: JSON.stringify(draft) }),
      ),
    );

    expect(result.status).toBe(422);
    expect(result.body.fieldErrors).toEqual({
      prompt: "give the text in at least one language",
      "steps.0.code": "a discount code of letters, digits, _ or -",
    });
    expect(
      await prisma.flow.findUniqueOrThrow({
        where: { shopDomain_id: { shopDomain: domainOf(HARBOR), id: "cart-coupon" } },
      }),
    ).toEqual(stored);
  });

  it("publishes the draft as version 1: the whole widget config reaches the Admin API", async () => {
    const { flow } = await editLoader(
      routeArgs(await documentRequest(HARBOR, "/app/flows/cart-coupon"), { flowId: "cart-coupon" }),
    );
    const sentBefore = api.state.received.length;
    // WHEN the merchant edits the prompt and publishes
    const draft = { ...flow.draft, prompt: { en: "Your cart earns 10% off." } };
    const result = unwrap(
      await editAction(
        await editArgs(HARBOR, "cart-coupon", {
          intent: "publish",
          name: "Coupon offer",
          draft: JSON.stringify(draft),
          note: "first",
        }),
      ),
    );
    // THEN Shopify got the installation query and one metafieldsSet
    expect(result).toEqual({ status: 200, body: { kind: "published", version: 1 } });
    expect(api.state.received.slice(sentBefore).map((entry) => [entry.shop, entry.operationName])).toEqual([
      [domainOf(HARBOR), "ChatLiftCurrentAppInstallation"],
      [domainOf(HARBOR), "ChatLiftPublishWidgetConfig"],
    ]);
    // AND the metafield holds the shop's config: its holdout, a salt, the flow without variants (no experiment runs)
    const config = publishedConfig(api.state, domainOf(HARBOR))!;
    expect(config).toMatchObject({
      v: 1,
      holdoutPercent: 10,
      flows: [{ id: "cart-coupon", prompt: { en: "Your cart earns 10% off." }, variants: [] }],
    });
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: domainOf(HARBOR) } });
    expect(config.salt).toBe(shop.armSalt);
    // AND the version and the publication are recorded
    const loaded = await editLoader(
      routeArgs(await documentRequest(HARBOR, "/app/flows/cart-coupon"), { flowId: "cart-coupon" }),
    );
    expect(loaded.flow.publishedVersion).toBe(1);
    expect(loaded.flow.versions).toMatchObject([{ number: 1, note: "first" }]);
    expect(await prisma.widgetPublication.count({ where: { shopDomain: domainOf(HARBOR) } })).toBe(1);
  });

  it("rolls back by publishing the old version again as a new one", async () => {
    const { flow } = await editLoader(
      routeArgs(await documentRequest(HARBOR, "/app/flows/cart-coupon"), { flowId: "cart-coupon" }),
    );
    await editAction(
      await editArgs(HARBOR, "cart-coupon", {
        intent: "publish",
        name: "Coupon offer",
        draft: JSON.stringify({ ...flow.draft, prompt: { en: "Second wording" } }),
        note: "",
      }),
    );
    expect(publishedConfig(api.state, domainOf(HARBOR))!.flows[0]!.prompt).toEqual({ en: "Second wording" });

    const result = unwrap(
      await editAction(await editArgs(HARBOR, "cart-coupon", { intent: "rollback", version: "1" })),
    );

    expect(result).toEqual({ status: 200, body: { kind: "rolled_back", version: 3 } });
    expect(publishedConfig(api.state, domainOf(HARBOR))!.flows[0]!.prompt).toEqual({ en: "Your cart earns 10% off." });
    const loaded = await editLoader(
      routeArgs(await documentRequest(HARBOR, "/app/flows/cart-coupon"), { flowId: "cart-coupon" }),
    );
    expect(loaded.flow.draft.prompt).toEqual({ en: "Your cart earns 10% off." });
    expect(loaded.flow.versions.map((version) => [version.number, version.note])).toEqual([
      [3, "Rolled back to version 1"],
      [2, "Published"],
      [1, "first"],
    ]);
    // AND the flows page lists what reached the storefront, newest first
    const page = await listLoader(routeArgs(await documentRequest(HARBOR, "/app/flows")));
    expect(page.publications.map((entry) => entry.reason)).toEqual([
      "Rolled cart-coupon back to version 1",
      "Published cart-coupon",
      "Published cart-coupon",
    ]);
  });

  it("records nothing when Shopify refuses the publish, and keeps the draft", async () => {
    api.state.refuseWith = [
      { field: ["metafields", "0", "value"], message: "Value is too big", code: "INVALID_VALUE" },
    ];
    try {
      const { flow } = await editLoader(
        routeArgs(await documentRequest(HARBOR, "/app/flows/cart-coupon"), { flowId: "cart-coupon" }),
      );
      const result = unwrap<{ kind: string; message: string }>(
        await editAction(
          await editArgs(HARBOR, "cart-coupon", {
            intent: "publish",
            name: "Coupon offer",
            draft: JSON.stringify({ ...flow.draft, prompt: { en: "Kept wording" } }),
            note: "",
          }),
        ),
      );
      expect(result.status).toBe(502);
      expect(result.body.message).toMatch(/^Shopify did not accept the publish, so nothing changed on the storefront/);
      expect(await prisma.flowVersion.count({ where: { shopDomain: domainOf(HARBOR), flowId: "cart-coupon" } })).toBe(
        3,
      );
      const stored = await prisma.flow.findUniqueOrThrow({
        where: { shopDomain_id: { shopDomain: domainOf(HARBOR), id: "cart-coupon" } },
      });
      expect(JSON.parse(stored.draft).prompt).toEqual({ en: "Kept wording" });
    } finally {
      api.state.refuseWith = null;
    }
  });

  it("never lets another shop read, publish or roll back a flow (404, nothing sent to Shopify)", async () => {
    const sentBefore = api.state.received.length;
    const read = await thrown(
      editLoader(routeArgs(await documentRequest(PEAK, "/app/flows/cart-coupon"), { flowId: "cart-coupon" })),
    );
    expect(read.status).toBe(404);
    const publish = await thrown(
      editAction(await editArgs(PEAK, "cart-coupon", { intent: "publish", name: "x", draft: "{}", note: "" })),
    );
    expect(publish.status).toBe(404);
    const rollback = await thrown(
      editAction(await editArgs(PEAK, "cart-coupon", { intent: "rollback", version: "1" })),
    );
    expect(rollback.status).toBe(404);
    expect(api.state.received.length).toBe(sentBefore);
    expect(await prisma.flowVersion.count({ where: { shopDomain: domainOf(PEAK) } })).toBe(0);
  });

  it("refuses a request without a valid session token", async () => {
    const request = await fetchRequest(HARBOR, "/app/flows");
    const forged = new Request(request.url, { headers: { Authorization: "Bearer not-a-token" } });
    const response = await thrown(listLoader(routeArgs(forged)));
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});
