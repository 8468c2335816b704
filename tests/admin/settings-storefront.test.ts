/**
 * Settings the storefront reads (holdout %, appearance, the Knowledge page's answers switch) republish
 * the widget config after a save, through the app's real `admin.graphql` to the Admin API stand-in;
 * real session tokens throughout.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { action } from "../../app/routes/app.settings";
import { action as knowledgeAction } from "../../app/routes/app.knowledge";
import { formPost } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";
import { adminApiStandIn, publishedConfig } from "../support/builders/flows";
import { unwrap } from "../support/http/responses";
import { publishFirstFlow } from "../support/builders/published-flow";
import { freezeClock, NOW } from "../support/clock";

const HARBOR = "harbor-supply";
const NEVER_PUBLISHED = "north-peak";

const attributionForm = (change: Record<string, string> = {}) => ({
  intent: "attribution",
  attributionWindowDays: "7",
  attributionModel: "last_touch",
  holdoutPercent: "10",
  consentMode: "explicit",
  ...change,
});
const appearanceForm = (change: Record<string, string> = {}) => ({
  intent: "appearance",
  accentColor: "#0b5fff",
  position: "left",
  label_en: "Ask us",
  label_de: "Frag uns",
  label_es: "",
  label_fr: "",
  ...change,
});
const answerSettingsForm = (change: Record<string, string> = {}) => ({
  intent: "settings",
  answersEnabled: "true",
  answerThreshold: "",
  namespaces: "custom",
  ...change,
});
const REFUSAL = [{ field: ["metafields", "0", "value"], message: "Value is too big", code: "INVALID_VALUE" }];

describe("settings reach the storefront", () => {
  let api: Awaited<ReturnType<typeof adminApiStandIn>>;
  let minutes = 0;
  const save = async (store: string, fields: Record<string, string>) =>
    unwrap<Record<string, unknown>>(await action(routeArgs(await formPost(store, "/app/settings", fields))));
  const saveAnswers = async (store: string, fields: Record<string, string>) =>
    unwrap<Record<string, unknown>>(await knowledgeAction(routeArgs(await formPost(store, "/app/knowledge", fields))));
  const publications = (store: string) =>
    prisma.widgetPublication.findMany({
      where: { shopDomain: domainOf(store) },
      orderBy: { publishedAt: "asc" },
      select: { reason: true },
    });
  const sentSince = (count: number) => api.state.received.slice(count).map((entry) => entry.operationName);

  beforeAll(async () => {
    freezeClock();
    api = await adminApiStandIn();
    await storeOfflineSession(prisma, HARBOR);
    await storeOfflineSession(prisma, NEVER_PUBLISHED);
    await publishFirstFlow(HARBOR);
  });
  // A frozen clock, a minute on per test: publications get distinct, ordered times.
  beforeEach(() => {
    minutes += 1;
    vi.setSystemTime(new Date(NOW.getTime() + minutes * 60_000));
    api.state.refuseWith = null;
  });
  afterAll(async () => {
    vi.useRealTimers();
    await api.close();
  });

  it('a new holdout % republishes the whole config, flows included, with the reason "Settings changed"', async () => {
    // GIVEN harbor-supply published fit-help with the default 10% holdout
    expect(publishedConfig(api.state, domainOf(HARBOR))).toMatchObject({
      holdoutPercent: 10,
      flows: [{ id: "fit-help" }],
    });
    const sent = api.state.received.length;

    // WHEN the merchant saves a 25% holdout
    const result = await save(HARBOR, attributionForm({ holdoutPercent: "25" }));

    // THEN the settings are saved and the metafield at Shopify carries 25%, fit-help still in it
    expect(result).toMatchObject({
      status: 200,
      body: { saved: true, settings: { holdoutPercent: 25 }, storefront: { status: "updated" } },
    });
    expect(sentSince(sent)).toEqual(["ChatLiftCurrentAppInstallation", "ChatLiftPublishWidgetConfig"]);
    const config = publishedConfig(api.state, domainOf(HARBOR))!;
    expect(config).toMatchObject({ holdoutPercent: 25, flows: [{ id: "fit-help" }] });
    expect(config.appearance).toBeUndefined();
    // AND the salt is kept, so no visitor changes arm except by the new percentage
    expect(config.salt).toBe((await prisma.shop.findUniqueOrThrow({ where: { domain: domainOf(HARBOR) } })).armSalt);
    expect((await publications(HARBOR)).map((row) => row.reason)).toEqual(["Published fit-help", "Settings changed"]);
  });

  it("a settings save the storefront does not read (the attribution window) publishes nothing", async () => {
    const sent = api.state.received.length;

    const result = await save(HARBOR, attributionForm({ holdoutPercent: "25", attributionWindowDays: "30" }));

    expect(result).toMatchObject({
      status: 200,
      body: { saved: true, settings: { attributionWindowDays: 30 }, storefront: { status: "unchanged" } },
    });
    expect(sentSince(sent)).toEqual([]);
    expect(await publications(HARBOR)).toHaveLength(2);
  });

  it("a saved appearance reaches the metafield as the config's appearance", async () => {
    // WHEN the merchant saves a blue launcher on the left, worded in English and German
    const result = await save(HARBOR, appearanceForm());

    // THEN it is saved and Shopify holds it in the config the app embed renders
    expect(result).toMatchObject({
      status: 200,
      body: { form: "appearance", saved: true, storefront: { status: "updated" } },
    });
    expect(publishedConfig(api.state, domainOf(HARBOR))).toMatchObject({
      holdoutPercent: 25,
      flows: [{ id: "fit-help" }],
      appearance: { accent: "#0b5fff", side: "left", launcher: { en: "Ask us", de: "Frag uns" } },
    });
    expect((await publications(HARBOR)).map((row) => row.reason)).toEqual([
      "Published fit-help",
      "Settings changed",
      "Settings changed",
    ]);
  });

  it("when Shopify refuses, the settings stay saved and the page says why the storefront was not updated; saving again retries", async () => {
    // GIVEN Shopify refuses metafield writes
    api.state.refuseWith = REFUSAL;
    const before = publishedConfig(api.state, domainOf(HARBOR));

    // WHEN the merchant saves a red launcher on the right
    const result = await save(HARBOR, appearanceForm({ accentColor: "#b00020", position: "right" }));

    // THEN the appearance is saved, the answer names Shopify's reason, and the storefront keeps the old look
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      form: "appearance",
      saved: true,
      appearance: { accentColor: "#b00020", position: "right" },
    });
    expect(result.body.storefront).toEqual({
      status: "failed",
      reason:
        "Shopify did not accept the publish, so nothing changed on the storefront: Shopify refused the widget config (Value is too big).",
    });
    const stored = await prisma.shop.findUniqueOrThrow({
      where: { domain: domainOf(HARBOR) },
      select: { widgetAppearance: true },
    });
    expect(JSON.parse(stored.widgetAppearance!)).toMatchObject({ accentColor: "#b00020", position: "right" });
    expect(publishedConfig(api.state, domainOf(HARBOR))).toEqual(before);
    expect(await publications(HARBOR)).toHaveLength(3);

    // WHEN Shopify accepts again and the merchant saves the same form again
    api.state.refuseWith = null;
    const retried = await save(HARBOR, appearanceForm({ accentColor: "#b00020", position: "right" }));

    // THEN the storefront catches up
    expect(retried.body.storefront).toEqual({ status: "updated" });
    expect(publishedConfig(api.state, domainOf(HARBOR))!.appearance).toEqual({
      accent: "#b00020",
      side: "right",
      launcher: { en: "Ask us", de: "Frag uns" },
      csat: "thumbs",
    });
  });

  it("a refused holdout change is saved too, and the refusal is reported", async () => {
    api.state.refuseWith = REFUSAL;

    const result = await save(HARBOR, attributionForm({ holdoutPercent: "30" }));

    expect(result.body).toMatchObject({
      saved: true,
      settings: { holdoutPercent: 30 },
      storefront: { status: "failed" },
    });
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: domainOf(HARBOR) } })).holdoutPercent).toBe(30);
    expect(publishedConfig(api.state, domainOf(HARBOR))!.holdoutPercent).toBe(25);
  });

  it("a shop that never published gets nothing sent to Shopify: its first flow will carry the settings", async () => {
    const sent = api.state.received.length;

    const holdout = await save(NEVER_PUBLISHED, attributionForm({ holdoutPercent: "20" }));
    const appearance = await save(NEVER_PUBLISHED, appearanceForm());

    expect(holdout.body).toMatchObject({ saved: true, storefront: { status: "not_published" } });
    expect(appearance.body).toMatchObject({ saved: true, storefront: { status: "not_published" } });
    expect(sentSince(sent)).toEqual([]);
    expect(publishedConfig(api.state, domainOf(NEVER_PUBLISHED))).toBeNull();

    // AND its first publish carries them
    await publishFirstFlow(NEVER_PUBLISHED, "coupon_offer");
    expect(publishedConfig(api.state, domainOf(NEVER_PUBLISHED))).toMatchObject({
      holdoutPercent: 20,
      appearance: { accent: "#0b5fff", side: "left" },
    });
  });

  it("the Knowledge page's answers switch reaches the metafield: off hides the widget's question box, on brings it back", async () => {
    // GIVEN harbor-supply's storefront config from before the switch existed counts as answers on
    const sent = api.state.received.length;

    // WHEN the merchant switches answers off on the Knowledge page
    const off = await saveAnswers(HARBOR, answerSettingsForm({ answersEnabled: "false" }));

    // THEN the switch is saved, the whole config is republished with answers off, flows and settings kept
    expect(off).toMatchObject({ status: 200, body: { ok: true, storefront: { status: "updated" } } });
    expect(sentSince(sent)).toEqual(["ChatLiftCurrentAppInstallation", "ChatLiftPublishWidgetConfig"]);
    expect(publishedConfig(api.state, domainOf(HARBOR))).toMatchObject({
      answers: { enabled: false },
      holdoutPercent: 30,
      flows: [{ id: "fit-help" }],
      appearance: { accent: "#b00020", side: "right" },
    });
    expect((await publications(HARBOR)).at(-1)?.reason).toBe("Answer settings changed");
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: domainOf(HARBOR) } })).answersEnabled).toBe(false);

    // WHEN only the threshold changes THEN the storefront already has the switch: nothing is sent
    const threshold = api.state.received.length;
    const unchanged = await saveAnswers(HARBOR, answerSettingsForm({ answersEnabled: "false", answerThreshold: "60" }));
    expect(unchanged.body).toMatchObject({ ok: true, storefront: { status: "unchanged" } });
    expect(sentSince(threshold)).toEqual([]);

    // WHEN answers are switched on again THEN the metafield says so
    const on = await saveAnswers(HARBOR, answerSettingsForm({ answersEnabled: "true" }));
    expect(on.body).toMatchObject({ ok: true, storefront: { status: "updated" } });
    expect(publishedConfig(api.state, domainOf(HARBOR))!.answers).toEqual({ enabled: true });
  });

  it("when Shopify refuses the answers switch's publish, the switch stays saved (the route still refuses questions) and the page says why", async () => {
    api.state.refuseWith = REFUSAL;

    const result = await saveAnswers(HARBOR, answerSettingsForm({ answersEnabled: "false" }));

    expect(result.body).toMatchObject({ ok: true, storefront: { status: "failed" } });
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: domainOf(HARBOR) } })).answersEnabled).toBe(false);
    expect(publishedConfig(api.state, domainOf(HARBOR))!.answers).toEqual({ enabled: true });
    // AND the next save, once Shopify accepts, catches the storefront up
    api.state.refuseWith = null;
    await saveAnswers(HARBOR, answerSettingsForm({ answersEnabled: "false" }));
    expect(publishedConfig(api.state, domainOf(HARBOR))!.answers).toEqual({ enabled: false });
  });

  it("a republish writes only the signed-in shop's metafield", async () => {
    const peak = publishedConfig(api.state, domainOf(NEVER_PUBLISHED));

    await save(HARBOR, attributionForm({ holdoutPercent: "15" }));

    expect(publishedConfig(api.state, domainOf(HARBOR))!.holdoutPercent).toBe(15);
    expect(publishedConfig(api.state, domainOf(NEVER_PUBLISHED))).toEqual(peak);
  });
});
