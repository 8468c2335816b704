/**
 * The routing rules pages through their loaders and actions, with real session tokens: list,
 * create from a template with inline errors, edit, reorder, enable/disable, go live, dry run,
 * the decision log, and another shop's attempts, which must fail (HubSpot flags: routing-flags.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { evaluateLead } from "../../app/routing/decisions.server";
import { activateRuleSet, saveRuleSet } from "../../app/routing/rule-sets.server";
import { action as listAction, loader as listLoader } from "../../app/routes/app.routing._index";
import { action as editAction, loader as editLoader } from "../../app/routes/app.routing.edit.$ruleId";
import { loader as decisionsLoader } from "../../app/routes/app.routing.decisions";
import { aRuleSet, storeLead } from "../support/builders/routing-leads";
import { DAY, freezeClock, NOW } from "../support/clock";
import { unwrap } from "../support/http/responses";
import { documentRequest, formPost } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs, thrown } from "../support/http/responses";

let counter = 0;
let store: string;
let shop: string;
const PEAK = "north-peak";

/** The rule-set versions a shop has, newest first, with their rules' ids and enabled flags. */
async function storedVersions(shopDomain: string) {
  const rows = await prisma.routingRuleSet.findMany({ where: { shopDomain }, orderBy: { version: "desc" } });
  return rows.map((row) => ({
    version: row.version,
    active: row.active,
    rules: (JSON.parse(row.definition) as { rules: Array<{ id: string; enabled: boolean }> }).rules.map(
      (rule) => `${rule.id}:${rule.enabled ? "on" : "off"}`,
    ),
  }));
}

const editForm = (fields: Partial<Record<string, string>>) => ({
  baseVersion: "0",
  originalId: "",
  id: "",
  name: "",
  then: "continue",
  conditions: "",
  actions: "",
  ...fields,
});

beforeAll(async () => {
  freezeClock();
  await storeOfflineSession(prisma, PEAK);
});
beforeEach(async () => {
  counter += 1;
  store = `routing-admin-${counter}`;
  shop = domainOf(store);
  await storeOfflineSession(prisma, store);
});
afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("routing rules list", () => {
  it("GIVEN a new shop THEN the list is empty, offers the templates and says HubSpot is not connected", async () => {
    const page = await listLoader(routeArgs(await documentRequest(store, "/app/routing")));

    expect(page.latest).toEqual({ version: 0, ruleSet: null });
    expect(page.liveVersion).toBeNull();
    expect(page.templates.map((template) => template.id)).toEqual([
      "demo-deal",
      "fit-help-cart",
      "pricing-team-mql",
      "qualified-score",
      "business-big-cart",
    ]);
    expect(page.references).toEqual({ kind: "not_connected" });
  });

  it("GIVEN two rules WHEN the second moves up and the first is disabled THEN each change is a new version with that order and state", async () => {
    await saveRuleSet(shop, aRuleSet(), 0);

    const moved = unwrap(
      await listAction(
        routeArgs(
          await formPost(store, "/app/routing", {
            intent: "move",
            direction: "up",
            ruleId: "vip-deal",
            baseVersion: "1",
          }),
        ),
      ),
    );
    const toggled = unwrap(
      await listAction(
        routeArgs(
          await formPost(store, "/app/routing", {
            intent: "enable",
            enabled: "true",
            ruleId: "vip-deal",
            baseVersion: "2",
          }),
        ),
      ),
    );

    expect(moved).toEqual({ status: 200, body: { kind: "change", outcome: { kind: "saved", version: 2 } } });
    expect(toggled).toEqual({ status: 200, body: { kind: "change", outcome: { kind: "saved", version: 3 } } });
    expect(await storedVersions(shop)).toEqual([
      { version: 3, active: false, rules: ["vip-deal:on", "everyone-round-robin:on"] },
      { version: 2, active: false, rules: ["vip-deal:off", "everyone-round-robin:on"] },
      { version: 1, active: false, rules: ["everyone-round-robin:on", "vip-deal:off"] },
    ]);
  });

  it("WHEN a rule is deleted THEN the new version lacks it and the older versions keep it", async () => {
    await saveRuleSet(shop, aRuleSet(), 0);

    const result = unwrap(
      await listAction(
        routeArgs(await formPost(store, "/app/routing", { intent: "delete", ruleId: "vip-deal", baseVersion: "1" })),
      ),
    );

    expect(result).toEqual({ status: 200, body: { kind: "change", outcome: { kind: "saved", version: 2 } } });
    expect(await storedVersions(shop)).toEqual([
      { version: 2, active: false, rules: ["everyone-round-robin:on"] },
      { version: 1, active: false, rules: ["everyone-round-robin:on", "vip-deal:off"] },
    ]);
  });

  it("GIVEN the page shows version 1 but version 2 was saved meanwhile WHEN a rule is moved THEN 409 and nothing is saved", async () => {
    await saveRuleSet(shop, aRuleSet(), 0);
    await saveRuleSet(shop, aRuleSet(), 1);

    const result = unwrap(
      await listAction(
        routeArgs(
          await formPost(store, "/app/routing", {
            intent: "move",
            direction: "down",
            ruleId: "everyone-round-robin",
            baseVersion: "1",
          }),
        ),
      ),
    );

    expect(result).toEqual({ status: 409, body: { kind: "change", outcome: { kind: "conflict", latestVersion: 2 } } });
    expect((await storedVersions(shop)).length).toBe(2);
  });

  it("WHEN a version is made live THEN the list shows it live", async () => {
    await saveRuleSet(shop, aRuleSet(), 0);

    const result = unwrap(
      await listAction(routeArgs(await formPost(store, "/app/routing", { intent: "activate", version: "1" }))),
    );

    expect(result).toEqual({ status: 200, body: { kind: "change", outcome: { kind: "activated", version: 1 } } });
    expect((await listLoader(routeArgs(await documentRequest(store, "/app/routing")))).liveVersion).toBe(1);
  });

  it("GIVEN a form with an unknown intent THEN 400 names the field", async () => {
    const result = unwrap(await listAction(routeArgs(await formPost(store, "/app/routing", { intent: "shuffle" }))));
    expect(result.status).toBe(400);
  });
});

describe("rule editor", () => {
  it("GIVEN the round-robin template WHEN saved without owners THEN 422 puts the error beside the actions, nothing is saved; WITH owners it saves", async () => {
    // GIVEN the template's form, its owners still to choose
    const editor = await editLoader(
      routeArgs(await documentRequest(store, "/app/routing/edit/new?template=pricing-team-mql"), { ruleId: "new" }),
    );
    expect(editor.originalId).toBeNull();
    expect(editor.form.id).toBe("pricing-team-mql");
    expect(JSON.parse(editor.form.actions)[1]).toEqual({ type: "assign_owner", mode: "round_robin", ownerIds: [] });

    // WHEN it is saved as is
    const fields = editForm({ ...editor.form, enabled: "on", baseVersion: "0" });
    const refused = unwrap(
      await editAction(routeArgs(await formPost(store, "/app/routing/edit/new", fields), { ruleId: "new" })),
    );

    // THEN the error sits on the actions field with its place inside it
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      kind: "invalid",
      fieldErrors: { actions: ["action 2, ownerIds: must have at least 1 item"] },
    });
    expect(await storedVersions(shop)).toEqual([]);

    // WHEN owners are filled in THEN version 1 is saved and the page goes back to the list
    const actions = JSON.stringify([
      { type: "set_lifecycle_stage", stage: "marketingqualifiedlead" },
      { type: "assign_owner", mode: "round_robin", ownerIds: ["501", "502"] },
    ]);
    const saved = await editAction(
      routeArgs(await formPost(store, "/app/routing/edit/new", { ...fields, actions }), { ruleId: "new" }),
    );
    expect(saved).toBeInstanceOf(Response);
    expect((saved as Response).status).toBe(302);
    expect((saved as Response).headers.get("Location")).toBe("/app/routing?saved=1");
    expect(await storedVersions(shop)).toEqual([{ version: 1, active: false, rules: ["pricing-team-mql:on"] }]);
  });

  it.each([
    [{ name: "" }, { name: ["must not be empty"] }],
    [{ id: "Pricing Rule" }, { id: ["must be lower case letters, digits or -, at most 64"] }],
    [
      { conditions: '{ "all": [ { "fact": "cart_value", "op": "gte", "value": "lots" } ] }' },
      { conditions: ["all[0].value: must be a number"] },
    ],
    [{ conditions: "{ all: [" }, { conditions: [expect.stringMatching(/^is not valid JSON/)] }],
    [
      { actions: '[{ "type": "create_task", "subject": "Call {{phone}}", "dueInHours": 4 }]' },
      { actions: ["action 1, subject: unknown placeholder {{phone}}; use {{email}}, {{score}}, {{rule}}"] },
    ],
  ])(
    "GIVEN an existing rule WHEN saved with %o THEN 422 with %o and the typed text kept",
    async (change, fieldErrors) => {
      await saveRuleSet(shop, aRuleSet(), 0);
      const editor = await editLoader(
        routeArgs(await documentRequest(store, "/app/routing/edit/everyone-round-robin"), {
          ruleId: "everyone-round-robin",
        }),
      );
      const fields = editForm({
        ...editor.form,
        enabled: "on",
        baseVersion: "1",
        originalId: "everyone-round-robin",
        ...change,
      });

      const result = unwrap(
        await editAction(
          routeArgs(await formPost(store, "/app/routing/edit/everyone-round-robin", fields), {
            ruleId: "everyone-round-robin",
          }),
        ),
      );

      expect(result.status).toBe(422);
      expect(result.body).toMatchObject({ kind: "invalid", fieldErrors, form: { ...change } });
      expect((await storedVersions(shop)).length).toBe(1);
    },
  );

  it("GIVEN an existing rule WHEN renamed THEN the new version keeps its place and the other rules", async () => {
    await saveRuleSet(shop, aRuleSet(), 0);
    const editor = await editLoader(
      routeArgs(await documentRequest(store, "/app/routing/edit/everyone-round-robin"), {
        ruleId: "everyone-round-robin",
      }),
    );

    await editAction(
      routeArgs(
        await formPost(
          store,
          "/app/routing/edit/everyone-round-robin",
          editForm({
            ...editor.form,
            enabled: "on",
            name: "All leads",
            baseVersion: "1",
            originalId: "everyone-round-robin",
          }),
        ),
        { ruleId: "everyone-round-robin" },
      ),
    );

    const latest = await prisma.routingRuleSet.findFirstOrThrow({ where: { shopDomain: shop, version: 2 } });
    expect(
      (JSON.parse(latest.definition) as { rules: Array<{ id: string; name: string; enabled: boolean }> }).rules.map(
        ({ id, name, enabled }) => ({ id, name, enabled }),
      ),
    ).toEqual([
      { id: "everyone-round-robin", name: "All leads", enabled: true },
      { id: "vip-deal", name: "Big spenders get a deal", enabled: false },
    ]);
  });
});

describe("dry run", () => {
  it("GIVEN the latest (not live) version and three recent leads WHEN previewed THEN counts per rule and sample leads with reasons come back, and nothing is stored", async () => {
    await saveRuleSet(shop, aRuleSet(), 0);
    const recent = new Date(NOW.getTime() - 2 * DAY);
    await storeLead(shop, 1, [], recent);
    await storeLead(shop, 2, [], recent);
    await storeLead(shop, 3, [], new Date(NOW.getTime() - 40 * DAY));

    const result = unwrap(
      await listAction(
        routeArgs(await formPost(store, "/app/routing", { intent: "preview", version: "1", days: "30" })),
      ),
    );

    expect(result.status).toBe(200);
    const { preview } = result.body as {
      preview: {
        kind: string;
        report: {
          leads: number;
          rules: Array<{
            ruleId: string;
            counts: Record<string, number>;
            samples: Array<{ email?: string; reason: string }>;
          }>;
        };
      };
    };
    expect(preview.kind).toBe("report");
    expect(preview.report.leads).toBe(2);
    const [roundRobin, vip] = preview.report.rules;
    expect(roundRobin).toMatchObject({
      ruleId: "everyone-round-robin",
      counts: { matched: 2, not_matched: 0, disabled: 0, not_reached: 0 },
    });
    expect(roundRobin?.samples.map((sample) => sample.email)).toEqual(["shopper1@example.com", "shopper2@example.com"]);
    expect(roundRobin?.samples[0]?.reason).toMatch(/owner 101/);
    expect(vip).toMatchObject({ ruleId: "vip-deal", counts: { disabled: 2 } });
    expect(await prisma.routingDecision.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await prisma.roundRobinState.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it.each([["0"], ["91"], ["a week"]])("refuses %s days with 400", async (days) => {
    const result = unwrap(
      await listAction(routeArgs(await formPost(store, "/app/routing", { intent: "preview", version: "1", days }))),
    );
    expect(result.status).toBe(400);
  });
});

describe("decision log", () => {
  it("GIVEN a routed lead THEN its log names each rule, version, status, conditions, actions and reason; found by email or id", async () => {
    await saveRuleSet(shop, aRuleSet(), 0);
    await activateRuleSet(shop, 1, NOW);
    const lead = await storeLead(shop, 5);
    await evaluateLead(shop, lead.id, NOW);

    const byEmail = await decisionsLoader(
      routeArgs(await documentRequest(store, "/app/routing/decisions?lead=Shopper5@example.com")),
    );
    const byId = await decisionsLoader(
      routeArgs(await documentRequest(store, `/app/routing/decisions?lead=${lead.id}`)),
    );

    expect(byId.log).toEqual(byEmail.log);
    expect(byEmail.log?.kind).toBe("found");
    const decisions = byEmail.log?.kind === "found" ? byEmail.log.decisions : [];
    expect(decisions.map(({ ruleId, ruleSetVersion, status }) => ({ ruleId, ruleSetVersion, status }))).toEqual([
      { ruleId: "everyone-round-robin", ruleSetVersion: 1, status: "matched" },
      { ruleId: "vip-deal", ruleSetVersion: 1, status: "disabled" },
    ]);
    expect(decisions[0]?.conditions).toMatchObject({ matched: true });
    expect(decisions[0]?.actions).toEqual([
      { type: "assign_owner", summary: expect.any(String), result: expect.stringMatching(/101/) },
    ]);
    expect(decisions[0]?.reason).toEqual(expect.any(String));
  });
});

describe("another shop", () => {
  it("GIVEN harbor's rules and routed lead WHEN north-peak asks for them THEN it sees none of them and changes none", async () => {
    await saveRuleSet(shop, aRuleSet(), 0);
    await activateRuleSet(shop, 1, NOW);
    const lead = await storeLead(shop, 9);
    await evaluateLead(shop, lead.id, NOW);

    const list = await listLoader(routeArgs(await documentRequest(PEAK, "/app/routing")));
    const edit = await thrown(
      editLoader(routeArgs(await documentRequest(PEAK, "/app/routing/edit/vip-deal"), { ruleId: "vip-deal" })),
    );
    const log = await decisionsLoader(routeArgs(await documentRequest(PEAK, `/app/routing/decisions?lead=${lead.id}`)));
    const move = unwrap(
      await listAction(
        routeArgs(
          await formPost(PEAK, "/app/routing", {
            intent: "move",
            direction: "up",
            ruleId: "vip-deal",
            baseVersion: "1",
          }),
        ),
      ),
    );
    const activate = unwrap(
      await listAction(routeArgs(await formPost(PEAK, "/app/routing", { intent: "activate", version: "1" }))),
    );
    const preview = unwrap(
      await listAction(
        routeArgs(await formPost(PEAK, "/app/routing", { intent: "preview", version: "1", days: "30" })),
      ),
    );

    expect(list.latest).toEqual({ version: 0, ruleSet: null });
    expect(edit.status).toBe(404);
    expect(log.log).toEqual({ kind: "no_lead", query: lead.id });
    expect(move.status).toBe(409);
    expect(activate).toEqual({
      status: 404,
      body: { kind: "change", outcome: { kind: "not_found", message: "there is no version 1" } },
    });
    expect(preview.status).toBe(404);
    expect(await storedVersions(shop)).toEqual([
      { version: 1, active: true, rules: ["everyone-round-robin:on", "vip-deal:off"] },
    ]);
  });

  it("GIVEN no session token THEN the page does not load", async () => {
    const response = await thrown(listLoader(routeArgs(new Request(`${process.env.SHOPIFY_APP_URL}/app/routing`))));
    expect([302, 401, 410]).toContain(response.status);
  });
});
