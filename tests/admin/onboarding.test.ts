import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server";
import { loader } from "../../app/routes/app._index";
import { loader as firstEventLoader } from "../../app/routes/app.onboarding.first-event";
import { action as listAction } from "../../app/routes/app.flows._index";
import { documentRequest, fetchRequest, formPost } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";
import { aChatSession, daysAgo } from "../support/builders/stored-orders";
import { adminApiStandIn } from "../support/builders/flows";
import { publishFirstFlow } from "../support/builders/published-flow";

const HARBOR = "harbor-supply";
const PEAK = "north-peak";

describe("onboarding checklist", () => {
  beforeAll(async () => {
    await storeOfflineSession(prisma, HARBOR);
    await storeOfflineSession(prisma, PEAK);
  });

  it("starts with the app embed deep link naming the app's key and the embed block", async () => {
    const { steps } = await loader(routeArgs(await documentRequest(PEAK, "/app")));
    expect(steps.map((step) => [step.id, step.status])).toEqual([
      ["embed", "todo"],
      ["flow", "todo"],
      ["first_event", "todo"],
      ["hubspot", "todo"],
    ]);
    expect(steps[0]?.action?.url).toBe(
      `https://north-peak.myshopify.com/admin/themes/current/editor?context=apps&activateAppId=${API_KEY}/chatlift-embed`,
    );
    expect(steps[1]?.action).toEqual({ content: "Choose a template", url: "/app/flows", external: false });
    expect(steps[3]?.action).toEqual({ content: "Connect HubSpot", url: "/app/hubspot", external: false });
  });

  it("ticks the HubSpot step for the shop with a stored connection, and only for it", async () => {
    // GIVEN harbor-supply connected HubSpot (the connection row the connect services store)
    await prisma.hubSpotConnection.create({
      data: {
        shopDomain: domainOf(HARBOR),
        mode: "static",
        accessTokenEncrypted: "sealed",
        portalId: 62515,
        timeZone: "US/Eastern",
      },
    });

    // WHEN each shop opens its home page
    const harbor = await loader(routeArgs(await documentRequest(HARBOR, "/app")));
    const peak = await loader(routeArgs(await documentRequest(PEAK, "/app")));

    // THEN only harbor-supply's step is done, and it links to the sync page
    expect(harbor.steps[3]).toMatchObject({
      id: "hubspot",
      status: "done",
      action: { content: "Open HubSpot sync", url: "/app/hubspot" },
    });
    expect(peak.steps[3]?.status).toBe("todo");
    await prisma.hubSpotConnection.delete({ where: { shopDomain: domainOf(HARBOR) } });
  });

  it("ticks the embed and first-event steps once this shop's first event arrives, and only this shop's", async () => {
    // GIVEN nothing yet WHEN the checklist polls THEN no event
    expect(await firstEventLoader(routeArgs(await fetchRequest(HARBOR, "/app/onboarding/first-event")))).toEqual({
      firstEvent: null,
    });

    // WHEN harbor-supply's storefront sends its first event
    await aChatSession(prisma, domainOf(HARBOR), daysAgo(0), { events: [{ type: "session_started" }] });

    // THEN harbor-supply's poll sees it and its checklist ticks; north-peak's does not
    const polled = await firstEventLoader(routeArgs(await fetchRequest(HARBOR, "/app/onboarding/first-event")));
    expect(polled.firstEvent).toMatchObject({ type: "session_started" });
    const { steps } = await loader(routeArgs(await documentRequest(HARBOR, "/app")));
    expect(steps.filter((step) => step.status === "done").map((step) => step.id)).toEqual(["embed", "first_event"]);
    expect(await firstEventLoader(routeArgs(await fetchRequest(PEAK, "/app/onboarding/first-event")))).toEqual({
      firstEvent: null,
    });
  });

  describe("once a flow is published", () => {
    let api: Awaited<ReturnType<typeof adminApiStandIn>>;
    beforeAll(async () => {
      api = await adminApiStandIn();
    });
    afterAll(() => api.close());

    it("ticks the first-flow step for the shop that published, still linking to the flows, and only for it", async () => {
      // GIVEN a draft that was never published: the step is still to do
      await listAction(routeArgs(await formPost(PEAK, "/app/flows", { intent: "create", template: "email_capture" })));
      expect((await loader(routeArgs(await documentRequest(PEAK, "/app")))).steps[1]?.status).toBe("todo");

      // WHEN harbor-supply publishes fit help from its template
      await publishFirstFlow(HARBOR);

      // THEN its checklist ticks the step and keeps a way to the flows
      const { steps } = await loader(routeArgs(await documentRequest(HARBOR, "/app")));
      expect(steps[1]).toMatchObject({
        id: "flow",
        status: "done",
        action: { content: "Open flows", url: "/app/flows", external: false },
      });
      expect(steps.filter((step) => step.status === "done").map((step) => step.id)).toEqual([
        "embed",
        "flow",
        "first_event",
      ]);
      // AND north-peak's, whose flow is only a draft, does not
      expect((await loader(routeArgs(await documentRequest(PEAK, "/app")))).steps[1]?.status).toBe("todo");
    });
  });
});
