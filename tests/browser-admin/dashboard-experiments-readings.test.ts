/**
 * What the dashboard and the experiments pages tell a merchant (issue 17), as the merchant's
 * browser loads them: documents rendered by the built app behind the admin harness, over HTTP.
 * Funnels follow the flow's own step order under the flow's name; charts carry their values;
 * the lift explains "pts"; "declare winner" appears only beside a challenger the result backs;
 * revenue per session comes in the shop's currency; flows without variants are not offered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { flowSchema } from "../../contract/widget-config";
import { findTemplate, type TemplateKey } from "../../app/flows/templates";
import { refreshShopRollupsFully } from "../../app/analytics/rollups/refresh.server";
import { DESKTOP_CHROME, startAdminHarness, type RunningHarness } from "../support/browser/admin-harness";
import { aChatSession, aCreditedOrder } from "../support/builders/stored-orders";
import { aVariantSession } from "../support/builders/flows";

const STORE = "juniper-readings";
const SHOP = `${STORE}.myshopify.com`;
const HOUR = 3_600_000;

let harness: RunningHarness;
// The harness runs on the real clock (another process): data is placed a few hours back from now.
const startedAt = Date.now();

async function aFlow(id: string, name: string, template: TemplateKey, createdAt: Date): Promise<void> {
  const flow = flowSchema.parse({ ...findTemplate(template)!.flow, id });
  await prisma.flow.create({
    data: { shopDomain: SHOP, id, name, draft: JSON.stringify(flow), template, createdAt },
  });
}

/** A page as the browser loads it: the document, with React's text separators taken out so sentences read whole. */
async function pageText(path: string): Promise<string> {
  const response = await fetch(`${harness.origin}/__harness/open?path=${encodeURIComponent(path)}`, {
    headers: { "User-Agent": DESKTOP_CHROME, Accept: "text/html" },
  });
  expect(response.status).toBe(200);
  return (await response.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");
}

/** The table rows of a document that hold `needle`. */
const rowsWith = (html: string, needle: string) =>
  html
    .split("<tr")
    .slice(1)
    .map((row) => row.split("</tr>")[0] as string)
    .filter((row) => row.includes(needle));

/** The labels of one chart axis (`data-axis`), in document order. */
function axisLabels(html: string, axis: string): string[][] {
  return [
    ...html.matchAll(new RegExp(`<g data-axis="${axis}"[^>]*>(.*?)</g>(?=<g data-axis|<path|<rect|</svg>)`, "gs")),
  ].map((group) => [...(group[1] as string).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((text) => text[1] as string));
}

beforeAll(async () => {
  harness = await startAdminHarness(STORE);
  // GIVEN a EUR shop with the B2B flow (team size, then book a demo; no variants) and the coupon flow (two variants)
  await prisma.shop.upsert({
    where: { domain: SHOP },
    create: { domain: SHOP, currency: "EUR" },
    update: { currency: "EUR" },
  });
  await aFlow("demo", "B2B qualifier", "b2b_qualifier", new Date(startedAt - 5 * HOUR));
  await aFlow("cart-coupon", "Coupon offer", "coupon_offer", new Date(startedAt - 4 * HOUR));
  // AND two visitors who answered the team size, then reached the booking step: both steps reached as often
  for (const _ of [1, 2]) {
    const session = await aChatSession(prisma, SHOP, new Date(startedAt - 3 * HOUR), {
      events: [
        { type: "chat_opened" },
        { type: "flow_started", flowId: "demo" },
        { type: "step_viewed", flowId: "demo", stepId: "team" },
        { type: "step_viewed", flowId: "demo", stepId: "book" },
      ],
    });
    await aCreditedOrder(prisma, SHOP, new Date(startedAt - 2 * HOUR), [{ chatSessionId: session, role: "direct" }]);
  }
  await refreshShopRollupsFully(SHOP, new Date(startedAt));
}, 180_000);

afterAll(async () => {
  await harness?.stop();
});

describe("the dashboard, as the merchant's browser loads it", () => {
  let html: string;
  beforeAll(async () => {
    html = await pageText("/app/dashboard");
  });

  it("GIVEN the B2B flow's steps reached equally often THEN its funnel is named and lists team before book", () => {
    expect(html).toContain("B2B qualifier: 2 started, 0 completed (0.0%)");
    expect(html).not.toContain("demo: 2 started");
    const team = html.indexOf("1. team (qualifier)");
    const book = html.indexOf("2. book (link)");
    expect(team).toBeGreaterThan(-1);
    expect(book).toBeGreaterThan(team);
  });

  it("THEN the charts carry values on their axes, revenue in the shop's currency", () => {
    expect(html).toContain("Sessions per day");
    expect(html).toContain("Credited revenue per day");
    const [quality, sessions, revenue] = axisLabels(html, "value");
    // Containment, handoff rate and CSAT per day (the quality card, above): a percentage axis.
    expect(quality).toEqual(["0%", "25%", "50%", "75%", "100%"]);
    // Two engaged sessions on one day: a count axis 0, 1, 2.
    expect(sessions).toEqual(["0", "1", "2"]);
    // €84.00 credited that day: a money axis in round steps.
    expect(revenue).toEqual(["€0.00", "€50.00", "€100.00"]);
    const [days] = axisLabels(html, "days");
    expect(days).toHaveLength(5);
    expect(days![0]).toMatch(/^\d{2}-\d{2}$/);
  });

  it("THEN the lift explains pts, draws its intervals, and never calls a sample too small to say beside an interval", () => {
    expect(html).toContain("pts are percentage points, the difference of the two rates.");
    expect(html).toContain("Lift vs holdout, with 95% intervals");
    expect(html).toContain("Conversion rate (pts)");
    expect(html).toContain("Revenue / visitor (EUR)");
    expect(html).not.toMatch(/too small to say/i);
    expect(html).toMatch(/Too few visitors to (say|trust the interval yet)/);
  });
});

describe("experiments, as the merchant's browser loads them", () => {
  let experimentId: string;
  const session = (id: string, variantId: string, converted: boolean, revenueMinor = 0) =>
    aVariantSession(prisma, SHOP, {
      id,
      flowId: "cart-coupon",
      variantId,
      at: new Date(startedAt - HOUR),
      converted,
      revenueMinor,
    });

  /** Posts "declare winner" to the page's own form address, session token and all, as the browser would. */
  const declare = async (html: string, variantId: string) => {
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!.replaceAll("&amp;", "&");
    const response = await fetch(new URL(action, harness.origin), {
      method: "POST",
      headers: { "User-Agent": DESKTOP_CHROME, Accept: "text/html" },
      body: new URLSearchParams({ intent: "declare_winner", variantId }),
    });
    return { status: response.status, text: (await response.text()).replaceAll("&#x27;", "'") };
  };

  beforeAll(async () => {
    // GIVEN a running test of the coupon flow's variants, planned to detect a doubling of the 20% control rate (81 sessions each)
    experimentId = (
      await prisma.experiment.create({
        data: {
          shopDomain: SHOP,
          flowId: "cart-coupon",
          name: "Urgent wording",
          status: "running",
          variants: JSON.stringify([
            { variantId: "ten-off", weight: 50 },
            { variantId: "ten-off-urgent", weight: 50 },
          ]),
          controlVariantId: "ten-off",
          minimumDetectableEffect: 1,
          startedAt: new Date(startedAt - 2 * HOUR),
        },
      })
    ).id;
  });

  it("GIVEN flows with and without variants WHEN a new experiment is set up THEN only the flow with variants is offered", async () => {
    const html = await pageText("/app/experiments");
    expect(html).toContain('<option value="cart-coupon"');
    expect(html).not.toContain('<option value="demo"');
    expect(html).toContain("Not offered, fewer than two variants: B2B qualifier.");
  });

  it("GIVEN a challenger far ahead before the planned sample is in THEN no variant is offered as the winner, and revenue per session is in euros", async () => {
    // 30 sessions each: 6 control conversions, 15 challenger ones (one €25 order each side)
    for (let i = 0; i < 30; i += 1) {
      await session(`c${i}`, "ten-off", i < 6, i === 0 ? 2500 : 0);
      await session(`u${i}`, "ten-off-urgent", i < 15, i === 0 ? 2500 : 0);
    }
    await refreshShopRollupsFully(SHOP, new Date(Date.now()));

    const html = await pageText(`/app/experiments/${experimentId}`);

    expect(html).toContain("Revenue / session (EUR)");
    expect(rowsWith(html, "ten-off-urgent")[0]).toContain("€0.83");
    expect(html).not.toContain("Declare winner");
    expect(html).toContain("No winner to declare yet");

    // WHEN a declaration is posted anyway (a page opened earlier, a script) THEN the server refuses it with the reason
    const refused = await declare(html, "ten-off-urgent");
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("No winner to declare yet: a high chance to beat the control");
    expect(await prisma.experiment.findUniqueOrThrow({ where: { id: experimentId } })).toMatchObject({
      status: "running",
      winnerVariantId: null,
    });
  });

  it("GIVEN the planned sample in and the challenger clearly better THEN only the challenger's row offers declare winner, and declaring it publishes it", async () => {
    // 90 sessions each: 18 control conversions (20%), 45 challenger ones (50%)
    for (let i = 30; i < 90; i += 1) {
      await session(`c${i}`, "ten-off", i < 42);
      await session(`u${i}`, "ten-off-urgent", i < 60);
    }
    await refreshShopRollupsFully(SHOP, new Date(Date.now()));

    const html = await pageText(`/app/experiments/${experimentId}`);

    const offering = rowsWith(html, "Declare winner");
    expect(offering).toHaveLength(1);
    // AND the control, posted anyway, is refused: it is the flow as published
    const control = await declare(html, "ten-off");
    expect(control.status).toBe(409);
    expect(control.text).toContain("ten-off is the control");
    expect(offering[0]).toContain("ten-off-urgent");
    expect(offering[0]).not.toContain("Control");
    expect(rowsWith(html, "Control").filter((row) => row.includes("Declare winner"))).toEqual([]);

    // WHEN the merchant declares it (the form posts as the browser would, session token and all)
    const action = /<form method="post" action="([^"]+)"[^>]*><input type="hidden" name="intent" value="declare_winner"/
      .exec(offering[0]!)![1]!
      .replaceAll("&amp;", "&");
    const response = await fetch(new URL(action, harness.origin), {
      method: "POST",
      headers: { "User-Agent": DESKTOP_CHROME, Accept: "text/html" },
      body: new URLSearchParams({ intent: "declare_winner", variantId: "ten-off-urgent" }),
    });
    // THEN it is published as the flow's new version
    expect(response.status).toBe(200);
    expect((await response.text()).replaceAll("&#x27;", "'")).toContain(
      "Winner declared and published as the flow's new version",
    );
    expect(await prisma.experiment.findUniqueOrThrow({ where: { id: experimentId } })).toMatchObject({
      status: "stopped",
      winnerVariantId: "ten-off-urgent",
    });
  });
});
