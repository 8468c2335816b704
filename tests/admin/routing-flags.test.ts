/**
 * The rule list's HubSpot flags: rules naming owners, pipelines, stages or lifecycle stages the
 * connected account (the HubSpot sandbox, over HTTP) does not have are flagged, never skipped;
 * lists HubSpot will not give are reported as not checked instead of guessed.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { connectWithStaticToken } from "../../app/sync/connection.server";
import { saveRuleSet } from "../../app/routing/rule-sets.server";
import { loader as listLoader } from "../../app/routes/app.routing._index";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../sandbox/hubspot";
import { aRuleSet } from "../support/builders/routing-leads";
import { useTestEncryptionKey } from "../support/builders/lead-rows";
import { documentRequest } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";

let counter = 0;
let store: string;
let shop: string;

beforeEach(async () => {
  counter += 1;
  store = `routing-flags-${counter}`;
  shop = domainOf(store);
  await storeOfflineSession(prisma, store);
});
afterAll(() => prisma.$disconnect());

describe("HubSpot flags", () => {
  let sandbox: HubSpotSandbox;
  beforeEach(async () => {
    useTestEncryptionKey();
    sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000 });
    process.env.HUBSPOT_API_BASE = sandbox.url;
  });
  afterEach(() => sandbox.close());

  it("GIVEN a connected account WHEN rules name an owner, a stage or a lifecycle stage it does not have THEN the list flags those rules, and only them", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    await saveRuleSet(
      shop,
      aRuleSet({
        rules: [
          {
            id: "known-owner",
            name: "Known owner",
            conditions: { fact: "email", is: "captured" },
            actions: [{ type: "assign_owner", mode: "fixed", ownerId: "501" }],
          },
          {
            id: "gone-owner",
            name: "Gone owner",
            conditions: { fact: "email", is: "captured" },
            actions: [{ type: "create_task", subject: "Call {{email}}", dueInHours: 4, ownerId: "999" }],
          },
          {
            id: "gone-stage",
            name: "Gone stage",
            conditions: { fact: "email", is: "captured" },
            actions: [
              { type: "create_deal", pipelineId: "default", stageId: "negotiation" },
              { type: "set_lifecycle_stage", stage: "superfan" },
            ],
          },
        ],
      }),
      0,
    );

    const page = await listLoader(routeArgs(await documentRequest(store, "/app/routing")));

    expect(page.references.kind).toBe("checked");
    if (page.references.kind !== "checked") return;
    expect(page.references.notChecked).toEqual([]);
    expect(page.references.problems).toEqual([
      {
        ruleId: "gone-owner",
        ruleName: "Gone owner",
        path: "rules[1].actions[0].ownerId",
        message: "owner 999 does not exist in HubSpot",
      },
      {
        ruleId: "gone-stage",
        ruleName: "Gone stage",
        path: "rules[2].actions[0].stageId",
        message: expect.stringMatching(/^stage negotiation is not in pipeline /),
      },
      {
        ruleId: "gone-stage",
        ruleName: "Gone stage",
        path: "rules[2].actions[1].stage",
        message: "lifecycle stage superfan does not exist in HubSpot",
      },
    ]);
    expect(page.references.ownerNames).toMatchObject({ "501": "Ada Lovelace", "502": "Grace Hopper" });
  });

  it("GIVEN HubSpot refuses the pipelines WHEN the list loads THEN it says pipelines were not checked and flags no deal rule on a guess", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    await saveRuleSet(
      shop,
      aRuleSet({
        rules: [
          {
            id: "deal",
            name: "Deal",
            conditions: { fact: "email", is: "captured" },
            actions: [{ type: "create_deal", pipelineId: "default", stageId: "negotiation" }],
          },
        ],
      }),
      0,
    );
    sandbox.inject({ status: 403, path: "/crm/pipelines/2026-03", times: 10 });

    const page = await listLoader(routeArgs(await documentRequest(store, "/app/routing")));

    expect(page.references).toMatchObject({
      kind: "checked",
      problems: [],
      notChecked: [expect.stringMatching(/^deal pipelines and stages: /)],
    });
  });

  it("GIVEN a connection whose token cannot be decrypted WHEN the list loads THEN it still lists the rules and says why nothing was checked", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    await saveRuleSet(shop, aRuleSet(), 0);
    useTestEncryptionKey(); // a new key: the stored token no longer opens

    const page = await listLoader(routeArgs(await documentRequest(store, "/app/routing")));

    expect(page.latest.ruleSet?.rules.length).toBe(2);
    expect(page.references).toEqual({ kind: "unavailable", message: expect.any(String) });
    expect(JSON.stringify(page.references)).not.toContain("pat-sandbox");
  });
});
