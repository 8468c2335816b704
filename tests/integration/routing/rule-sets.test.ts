/** Saving and activating rule sets through the admin route, with real session tokens. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { action, loader } from "../../../app/routes/app.routing.rules";
import type { getActiveRuleSet, listRuleSets } from "../../../app/routing/rule-sets.server";
import { documentRequest } from "../../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../../support/builders/sessions";
import { routeArgs } from "../../support/http/responses";
import { aRuleSet } from "../../support/builders/routing-leads";
import { jsonPost } from "../../support/http/signed-requests";
import { jsonAnswer } from "../../support/http/responses";

const HARBOR = "harbor-routing";
const PEAK = "peak-routing";
const PATH = "/app/routing/rules";

const post = async (store: string, body: unknown) =>
  jsonAnswer(await action(routeArgs(await jsonPost(store, PATH, body))));
/** What GET answers, as JSON (dates as strings). */
type Listed = {
  versions: Awaited<ReturnType<typeof listRuleSets>>;
  active: Awaited<ReturnType<typeof getActiveRuleSet>>;
};

beforeAll(async () => {
  await storeOfflineSession(prisma, HARBOR);
  await storeOfflineSession(prisma, PEAK);
});
afterAll(() => prisma.$disconnect());

describe("saving rule sets", () => {
  it("GIVEN no rules WHEN a valid set is saved twice THEN versions 1 and 2 are stored, and activating 2 makes it the active one", async () => {
    const first = await post(HARBOR, { intent: "save", baseVersion: 0, ruleSet: aRuleSet() });
    const second = await post(HARBOR, { intent: "save", baseVersion: 1, ruleSet: aRuleSet({ version: 99 }) });
    const activated = await post(HARBOR, { intent: "activate", version: 2 });

    // Not connected to HubSpot: saved, with the owners, pipelines and stages said to be unchecked.
    const unchecked = { warnings: [], notChecked: [expect.stringContaining("HubSpot is not connected")] };
    expect(first).toEqual({ status: 200, body: { version: 1, ...unchecked } });
    expect(second).toEqual({ status: 200, body: { version: 2, ...unchecked } });
    expect(activated).toEqual({ status: 200, body: { activeVersion: 2, ...unchecked } });
    const listed = (await (await loader(routeArgs(await documentRequest(HARBOR, PATH)))).json()) as Listed;
    expect(listed.versions.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    // The stored set carries the version it was saved as, not the number the editor sent.
    expect(listed.active?.version).toBe(2);
    expect(listed.active?.rules.map((rule) => rule.id)).toEqual(["everyone-round-robin", "vip-deal"]);
    expect(await prisma.routingRuleSet.count({ where: { shopDomain: domainOf(PEAK) } })).toBe(0);
  });

  it("GIVEN a set with mistakes WHEN saved THEN 422 names each path and nothing is stored", async () => {
    const broken = aRuleSet();
    const rules = broken.rules as Array<Record<string, unknown>>;
    rules[0] = { ...rules[0], id: "Not An Id" };
    rules[1] = { ...rules[1], conditions: { fact: "order_revenue", op: "gte", value: "lots" } };

    const result = await post(PEAK, { intent: "save", baseVersion: 0, ruleSet: broken });

    expect(result.status).toBe(422);
    const paths = (result.body as { errors: Array<{ path: string; message: string }> }).errors.map(
      (error) => error.path,
    );
    expect(paths).toEqual(expect.arrayContaining(["rules[0].id", "rules[1].conditions.value"]));
    expect(await prisma.routingRuleSet.count({ where: { shopDomain: domainOf(PEAK) } })).toBe(0);
  });

  it("GIVEN version 1 saved WHEN an editor that loaded version 0 saves THEN 409 and the stored versions are unchanged", async () => {
    await post(PEAK, { intent: "save", baseVersion: 0, ruleSet: aRuleSet() });

    const stale = await post(PEAK, { intent: "save", baseVersion: 0, ruleSet: aRuleSet() });

    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ latestVersion: 1, errors: [{ path: "baseVersion" }] });
    expect(await prisma.routingRuleSet.count({ where: { shopDomain: domainOf(PEAK) } })).toBe(1);
  });

  it("GIVEN a save without baseVersion WHEN posted THEN 400 names the missing field", async () => {
    const result = await post(PEAK, { intent: "save", ruleSet: aRuleSet() });
    expect(result.status).toBe(400);
    expect((result.body as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toEqual([
      "baseVersion",
    ]);
  });
});
