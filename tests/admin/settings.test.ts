import { statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { appearanceForWidgetConfig } from "../../app/flows/appearance";
import { action, loader } from "../../app/routes/app.settings";
import { projectRoot } from "../support/database";
import { unwrap } from "../support/http/responses";
import { documentRequest, formPost } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";

const HARBOR = "harbor-supply";
const PEAK = "north-peak";

const validForm = {
  attributionWindowDays: "14",
  attributionModel: "linear",
  holdoutPercent: "20",
  consentMode: "explicit",
};

describe("settings", () => {
  beforeAll(async () => {
    await storeOfflineSession(prisma, HARBOR);
    await storeOfflineSession(prisma, PEAK);
  });

  it("shows the defaults and the widget's measured weight before anything is saved", async () => {
    const { settings, weight } = await loader(routeArgs(await documentRequest(HARBOR, "/app/settings")));
    expect(settings).toEqual({
      attributionWindowDays: 7,
      attributionModel: "last_touch",
      holdoutPercent: 10,
      consentMode: "explicit",
    });
    const assets = path.join(projectRoot, "extensions/chatlift/assets");
    expect(weight).toMatchObject({
      loaderBytes: statSync(path.join(assets, "chatlift.js")).size,
      uiBytes: statSync(path.join(assets, "chatlift-ui.js")).size,
      loaderBudget: 4000,
      totalBudget: 24000,
    });
  });

  it("saves valid settings for the signed-in shop only", async () => {
    // WHEN harbor-supply saves a 14-day linear window with a 20% holdout
    const result = unwrap(await action(routeArgs(await formPost(HARBOR, "/app/settings", validForm))));

    // THEN they are stored on harbor-supply's row and north-peak keeps its defaults
    expect(result.status).toBe(200);
    const stored = await prisma.shop.findUniqueOrThrow({ where: { domain: domainOf(HARBOR) } });
    expect(stored).toMatchObject({
      attributionWindowDays: 14,
      attributionModel: "linear",
      holdoutPercent: 20,
      consentMode: "explicit",
    });
    const peak = await loader(routeArgs(await documentRequest(PEAK, "/app/settings")));
    expect(peak.settings.attributionModel).toBe("last_touch");
  });

  it.each([
    [{ attributionWindowDays: "3" }, "attributionWindowDays", "Choose 1, 7, 14, 30 days"],
    [{ attributionModel: "u_shaped" }, "attributionModel", "Choose last touch, first touch or linear"],
    [{ holdoutPercent: "ten" }, "holdoutPercent", "Enter a whole number from 0 to 50"],
    [{ holdoutPercent: "80" }, "holdoutPercent", "At most 50%: above that most visitors never see a prompt"],
    [{ consentMode: "implied" }, "consentMode", "Only explicit consent is supported"],
  ])("refuses %o with an inline error and keeps what was typed", async (change, field, message) => {
    const before = await prisma.shop.findUnique({ where: { domain: domainOf(PEAK) } });
    const form = { ...validForm, ...change };

    const result = unwrap(await action(routeArgs(await formPost(PEAK, "/app/settings", form))));

    expect(result.status).toBe(422);
    expect(result.body).toEqual({ saved: false, fieldErrors: { [field]: message }, values: form });
    expect(await prisma.shop.findUnique({ where: { domain: domainOf(PEAK) } })).toEqual(before);
  });
});

describe("data and appearance settings", () => {
  const DATA = "data-settings";
  beforeAll(() => storeOfflineSession(prisma, DATA));

  it("shows retention, time zone and appearance defaults", async () => {
    const page = await loader(routeArgs(await documentRequest(DATA, "/app/settings")));
    expect(page.data).toEqual({ retentionDays: 395, timeZone: "UTC" });
    expect(page.appearance).toEqual({ accentColor: "#1a1a1a", position: "right", launcherLabels: {}, csat: "thumbs" });
  });

  it("saves retention and an IANA time zone, spelled as the runtime spells it, for the signed-in shop only", async () => {
    const result = unwrap(
      await action(
        routeArgs(
          await formPost(DATA, "/app/settings", { intent: "data", retentionDays: "90", timeZone: "europe/berlin" }),
        ),
      ),
    );

    expect(result).toEqual({
      status: 200,
      body: { form: "data", saved: true, data: { retentionDays: 90, timeZone: "Europe/Berlin" } },
    });
    expect(
      await prisma.shop.findUniqueOrThrow({
        where: { domain: domainOf(DATA) },
        select: { retentionDays: true, timeZone: true },
      }),
    ).toEqual({ retentionDays: 90, timeZone: "Europe/Berlin" });
    expect(
      await prisma.shop.findUniqueOrThrow({
        where: { domain: domainOf(PEAK) },
        select: { retentionDays: true, timeZone: true },
      }),
    ).toEqual({ retentionDays: 395, timeZone: "UTC" });
  });

  it.each([
    [
      { retentionDays: "30" },
      "retentionDays",
      "At least 60 days: orders can still be credited to chats up to 30 days old and missed orders are looked up 60 days back",
    ],
    [{ retentionDays: "2000" }, "retentionDays", "At most 1825 days (5 years)"],
    [{ retentionDays: "a year" }, "retentionDays", "Enter whole days, from 60 to 1825"],
    [
      { timeZone: "Mars/Olympus_Mons" },
      "timeZone",
      "Enter an IANA time zone such as Europe/Berlin or America/New_York",
    ],
    [{ timeZone: "+01:00" }, "timeZone", "Enter an IANA time zone such as Europe/Berlin or America/New_York"],
  ])("refuses data settings %o beside %s and keeps what was typed", async (change, field, message) => {
    const before = await prisma.shop.findUniqueOrThrow({ where: { domain: domainOf(PEAK) } });
    const form = { intent: "data", retentionDays: "120", timeZone: "America/New_York", ...change };

    const result = unwrap(await action(routeArgs(await formPost(PEAK, "/app/settings", form))));

    expect(result.status).toBe(422);
    expect(result.body).toEqual({
      form: "data",
      saved: false,
      fieldErrors: { [field]: message },
      values: { retentionDays: form.retentionDays, timeZone: form.timeZone },
    });
    expect(await prisma.shop.findUniqueOrThrow({ where: { domain: domainOf(PEAK) } })).toEqual(before);
  });

  it("saves the launcher's colour, corner and labels as the JSON the widget config publishes", async () => {
    const form = {
      intent: "appearance",
      accentColor: "#0B5FFF",
      position: "left",
      label_en: " Ask us ",
      label_de: "Frag uns",
      label_es: "",
      label_fr: "",
      csat: "five",
    };

    const result = unwrap(await action(routeArgs(await formPost(DATA, "/app/settings", form))));

    const appearance = {
      accentColor: "#0b5fff",
      position: "left",
      launcherLabels: { en: "Ask us", de: "Frag uns" },
      csat: "five",
    };
    expect(result).toEqual({
      status: 200,
      body: { form: "appearance", saved: true, appearance, storefront: { status: "not_published" } },
    });
    const stored = await prisma.shop.findUniqueOrThrow({
      where: { domain: domainOf(DATA) },
      select: { widgetAppearance: true },
    });
    expect(JSON.parse(stored.widgetAppearance ?? "null")).toEqual(appearance);
    expect(appearanceForWidgetConfig(stored.widgetAppearance)).toEqual({
      accent: "#0b5fff",
      side: "left",
      launcher: { en: "Ask us", de: "Frag uns" },
      csat: "five",
    });
  });

  it.each([
    [{ accentColor: "blue" }, "accentColor", "Enter a colour as #rrggbb, e.g. #1a1a1a"],
    [
      { accentColor: "#f5f5f5" },
      "accentColor",
      "Too light: the white chat icon needs a contrast of at least 3:1 on it",
    ],
    [{ position: "top" }, "position", "Choose bottom left or bottom right"],
    [{ label_fr: "x".repeat(41) }, "label_fr", "At most 40 characters"],
    [{ csat: "stars" }, "csat", "Choose 1 to 5, thumbs, or no question"],
  ])("refuses appearance %o beside %s", async (change, field, message) => {
    const form = {
      intent: "appearance",
      accentColor: "#1a1a1a",
      position: "right",
      label_en: "",
      label_de: "",
      label_es: "",
      label_fr: "",
      ...change,
    };

    const result = unwrap(await action(routeArgs(await formPost(PEAK, "/app/settings", form))));

    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({
      form: "appearance",
      saved: false,
      fieldErrors: { [field]: message },
      values: { [field]: change[field as keyof typeof change] },
    });
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: domainOf(PEAK) } })).widgetAppearance).toBeNull();
  });
});
