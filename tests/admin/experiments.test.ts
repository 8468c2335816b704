/**
 * The experiment pages' loaders and actions with real session tokens: create, start (the split
 * reaches the storefront config at the Admin API stand-in), results from stored chat events and
 * credits, stop, declare a winner (published as the flow's new version), and another shop's
 * attempts, which all fail.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { action as flowsAction } from "../../app/routes/app.flows._index";
import { action as editAction, loader as editLoader } from "../../app/routes/app.flows.$flowId";
import { action as listAction, loader as listLoader } from "../../app/routes/app.experiments._index";
import { action as experimentAction, loader as experimentLoader } from "../../app/routes/app.experiments.$id";
import { documentRequest, formPost } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs, thrown } from "../support/http/responses";
import { refreshShopRollups } from "../../app/analytics/rollups/refresh.server";
import { adminApiStandIn, aVariantSession, publishedConfig } from "../support/builders/flows";
import { unwrap } from "../support/http/responses";
import { freezeClock, NOW } from "../support/clock";

const HARBOR = "harbor-supply";
const PEAK = "north-peak";
const SHOP = domainOf(HARBOR);

describe("experiments", () => {
  let api: Awaited<ReturnType<typeof adminApiStandIn>>;
  let experimentId: string;
  const post = async (store: string, id: string, fields: Record<string, string>) =>
    routeArgs(await formPost(store, `/app/experiments/${id}`, fields), { id });

  beforeAll(async () => {
    freezeClock();
    api = await adminApiStandIn();
    await storeOfflineSession(prisma, HARBOR);
    await storeOfflineSession(prisma, PEAK);
    // GIVEN the coupon flow (two prompt variants) created from its template and published
    await flowsAction(routeArgs(await formPost(HARBOR, "/app/flows", { intent: "create", template: "coupon_offer" })));
    const { flow } = await editLoader(
      routeArgs(await documentRequest(HARBOR, "/app/flows/cart-coupon"), { flowId: "cart-coupon" }),
    );
    await editAction(
      routeArgs(
        await formPost(HARBOR, "/app/flows/cart-coupon", {
          intent: "publish",
          name: "Coupon",
          draft: JSON.stringify(flow.draft),
          note: "",
        }),
        { flowId: "cart-coupon" },
      ),
    );
  });
  afterAll(async () => {
    vi.useRealTimers();
    await api.close();
  });

  it("offers the flow's variants and refuses a bad form, keeping what was typed", async () => {
    const page = await listLoader(routeArgs(await documentRequest(HARBOR, "/app/experiments")));
    expect(page.flows).toEqual([
      { id: "cart-coupon", name: "Coupon", published: true, variantIds: ["ten-off", "ten-off-urgent"] },
    ]);
    const form = {
      name: "",
      flowId: "cart-coupon",
      controlVariantId: "ten-off",
      minimumDetectableEffect: "20",
      "weight.ten-off": "50",
      "weight.ten-off-urgent": "0",
    };
    const result = unwrap(await listAction(routeArgs(await formPost(HARBOR, "/app/experiments", form))));
    expect(result).toEqual({
      status: 422,
      body: {
        fieldErrors: { name: "Name the experiment", split: "Give at least two variants a share of the traffic" },
        values: form,
      },
    });
    expect(await prisma.experiment.count()).toBe(0);
  });

  it("creates a draft experiment, then starts it: the storefront config splits the flow 30/70", async () => {
    // Planned to detect a doubling of the control's rate: a sample the declare test below can reach.
    const form = {
      name: "Urgency",
      flowId: "cart-coupon",
      controlVariantId: "ten-off",
      minimumDetectableEffect: "100",
      "weight.ten-off": "30",
      "weight.ten-off-urgent": "70",
    };
    const created = unwrap<{ location: string }>(
      await listAction(routeArgs(await formPost(HARBOR, "/app/experiments", form))),
    );
    expect(created.status).toBe(302);
    experimentId = created.body.location.split("/").at(-1)!;
    expect(publishedConfig(api.state, SHOP)!.flows[0]!.variants).toEqual([]);

    const started = unwrap(await experimentAction(await post(HARBOR, experimentId, { intent: "start" })));

    expect(started).toEqual({ status: 200, body: { ok: true, done: "start" } });
    expect(publishedConfig(api.state, SHOP)!.flows[0]!.variants).toEqual([
      { id: "ten-off", weight: 30 },
      {
        id: "ten-off-urgent",
        weight: 70,
        prompt: {
          en: "10% off your cart, today only.",
          fr: "10 % sur votre panier, aujourd'hui seulement.",
          de: "10 % auf Ihren Warenkorb, nur heute.",
          es: "10 % en tu carrito, solo hoy.",
        },
      },
    ]);
    const again = unwrap(await experimentAction(await post(HARBOR, experimentId, { intent: "start" })));
    expect(again).toEqual({ status: 409, body: { ok: false, message: "The experiment is already running." } });
  });

  it("keeps a running experiment's variants: publishing the flow without one is refused", async () => {
    const { flow } = await editLoader(
      routeArgs(await documentRequest(HARBOR, "/app/flows/cart-coupon"), { flowId: "cart-coupon" }),
    );
    const draft = { ...flow.draft, variants: flow.draft.variants.slice(0, 1) };
    const result = unwrap(
      await editAction(
        routeArgs(
          await formPost(HARBOR, "/app/flows/cart-coupon", {
            intent: "publish",
            name: "Coupon",
            draft: JSON.stringify(draft),
            note: "",
          }),
          { flowId: "cart-coupon" },
        ),
      ),
    );
    expect(result).toEqual({
      status: 409,
      body: {
        kind: "refused",
        message:
          "A running experiment tests variant ten-off-urgent: keep it in the flow, or stop the experiment first.",
      },
    });
  });

  it("shows per-variant rates, revenue per session and the chance to beat the control", async () => {
    // GIVEN control: 4 sessions, 1 converting ($20); urgent: 4 sessions, 3 converting ($10, $20, $30)
    const at = new Date(NOW.getTime() + 60_000);
    await aVariantSession(prisma, SHOP, {
      id: "c1",
      flowId: "cart-coupon",
      variantId: "ten-off",
      at,
      revenueMinor: 2000,
    });
    for (const id of ["c2", "c3", "c4"])
      await aVariantSession(prisma, SHOP, { id, flowId: "cart-coupon", variantId: "ten-off", at, converted: false });
    await aVariantSession(prisma, SHOP, {
      id: "u1",
      flowId: "cart-coupon",
      variantId: "ten-off-urgent",
      at,
      revenueMinor: 1000,
    });
    await aVariantSession(prisma, SHOP, {
      id: "u2",
      flowId: "cart-coupon",
      variantId: "ten-off-urgent",
      at,
      revenueMinor: 2000,
    });
    await aVariantSession(prisma, SHOP, {
      id: "u3",
      flowId: "cart-coupon",
      variantId: "ten-off-urgent",
      at,
      revenueMinor: 3000,
    });
    await aVariantSession(prisma, SHOP, {
      id: "u4",
      flowId: "cart-coupon",
      variantId: "ten-off-urgent",
      at,
      converted: false,
    });
    // AND the daily rollups refreshed, as the rollup job does
    await refreshShopRollups(SHOP, new Date(NOW.getTime() + 3_600_000));

    const { report, fromDay, toDay } = await experimentLoader(
      routeArgs(await documentRequest(HARBOR, `/app/experiments/${experimentId}`), { id: experimentId }),
    );

    expect([fromDay, toDay]).toEqual(["2026-11-20", "2026-11-20"]);
    expect(
      report!.variants.map((variant) => [
        variant.variantId,
        variant.sessions,
        variant.microSessions,
        variant.revenuePerSessionMinor,
      ]),
    ).toEqual([
      ["ten-off", 4, 1, 500],
      ["ten-off-urgent", 4, 3, 1500],
    ]);
    // Beta(4, 2) against Beta(2, 4): P = 113/126 (Evan Miller's sum with exact Beta functions), not yet proven
    expect(report!.variants[1]!.vsControl!.probabilityToBeatControl).toBeCloseTo(113 / 126, 9);
    expect(report!.verdict).toBe("collecting");
  });

  it("GIVEN the planned sample not in yet WHEN a winner is declared anyway THEN it is refused and nothing is published", async () => {
    const sent = api.state.received.length;
    const early = unwrap(
      await experimentAction(
        await post(HARBOR, experimentId, { intent: "declare_winner", variantId: "ten-off-urgent" }),
      ),
    );
    expect(early).toEqual({
      status: 409,
      body: {
        ok: false,
        message:
          "No winner to declare yet: a high chance to beat the control before the planned sample is in is often luck.",
      },
    });
    const control = unwrap(
      await experimentAction(await post(HARBOR, experimentId, { intent: "declare_winner", variantId: "ten-off" })),
    );
    expect(control).toMatchObject({
      status: 409,
      body: { ok: false, message: expect.stringContaining("is the control") },
    });
    expect(api.state.received.length).toBe(sent);
    expect(await prisma.experiment.findUniqueOrThrow({ where: { id: experimentId } })).toMatchObject({
      status: "running",
      winnerVariantId: null,
    });
  });

  it("declares the winner: its prompt becomes the flow's, published as a new version, the split ends", async () => {
    // GIVEN the planned sample in: 90 sessions each, 18 control conversions (20%), 45 urgent ones (50%), arrived
    // after the last rollup refresh
    const at = new Date(NOW.getTime() + 2 * 3_600_000);
    for (let i = 5; i <= 90; i += 1)
      for (const [prefix, variantId, converted] of [
        ["c", "ten-off", i <= 21],
        ["u", "ten-off-urgent", i <= 46],
      ] as const)
        await aVariantSession(prisma, SHOP, { id: `${prefix}${i}`, flowId: "cart-coupon", variantId, at, converted });
    await refreshShopRollups(SHOP, new Date(NOW.getTime() + 3 * 3_600_000));
    const result = unwrap(
      await experimentAction(
        await post(HARBOR, experimentId, { intent: "declare_winner", variantId: "ten-off-urgent" }),
      ),
    );
    expect(result).toEqual({ status: 200, body: { ok: true, done: "declare_winner" } });
    const flow = publishedConfig(api.state, SHOP)!.flows[0]!;
    expect(flow.prompt).toEqual({
      en: "10% off your cart, today only.",
      fr: "10 % sur votre panier, aujourd'hui seulement.",
      de: "10 % auf Ihren Warenkorb, nur heute.",
      es: "10 % en tu carrito, solo hoy.",
    });
    expect(flow.variants).toEqual([]);
    const { flow: detail } = await editLoader(
      routeArgs(await documentRequest(HARBOR, "/app/flows/cart-coupon"), { flowId: "cart-coupon" }),
    );
    expect(detail.versions[0]).toMatchObject({ number: 2, note: 'Winner of "Urgency": ten-off-urgent' });
    expect(await prisma.experiment.findUniqueOrThrow({ where: { id: experimentId } })).toMatchObject({
      status: "stopped",
      winnerVariantId: "ten-off-urgent",
      stoppedAt: NOW,
    });
  });

  it("never lets another shop see, start, stop or decide an experiment", async () => {
    const sent = api.state.received.length;
    expect(
      (
        await thrown(
          experimentLoader(
            routeArgs(await documentRequest(PEAK, `/app/experiments/${experimentId}`), { id: experimentId }),
          ),
        )
      ).status,
    ).toBe(404);
    for (const intent of ["start", "stop"])
      expect((await thrown(experimentAction(await post(PEAK, experimentId, { intent })))).status).toBe(404);
    expect(
      (
        await thrown(
          experimentAction(await post(PEAK, experimentId, { intent: "declare_winner", variantId: "ten-off" })),
        )
      ).status,
    ).toBe(404);
    expect((await listLoader(routeArgs(await documentRequest(PEAK, "/app/experiments")))).experiments).toEqual([]);
    // AND creating one on another shop's flow is refused at the flow field
    const form = {
      name: "Steal",
      flowId: "cart-coupon",
      controlVariantId: "ten-off",
      minimumDetectableEffect: "20",
      "weight.ten-off": "50",
      "weight.ten-off-urgent": "50",
    };
    expect(unwrap(await listAction(routeArgs(await formPost(PEAK, "/app/experiments", form))))).toMatchObject({
      status: 422,
      body: { fieldErrors: { flowId: "Choose one of your flows" } },
    });
    expect(api.state.received.length).toBe(sent);
  });
});
