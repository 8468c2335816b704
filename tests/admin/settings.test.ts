import { statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { action, loader } from "../../app/routes/app.settings";
import { projectRoot } from "../support/database";
import { documentRequest, domainOf, formPost, routeArgs, storeOfflineSession } from "./admin-requests";

const HARBOR = "harbor-supply";
const PEAK = "north-peak";

const validForm = { attributionWindowDays: "14", attributionModel: "linear", holdoutPercent: "20", consentMode: "explicit" };

/** Single-fetch `data()` results carry the status beside the payload. */
function unwrap(result: unknown): { status: number; body: unknown } {
  if (result && typeof result === "object" && "type" in result && result.type === "DataWithResponseInit" && "data" in result && "init" in result) {
    return { status: (result.init as ResponseInit | null)?.status ?? 200, body: result.data };
  }
  return { status: 200, body: result };
}

describe("settings", () => {
  beforeAll(async () => {
    await storeOfflineSession(prisma, HARBOR);
    await storeOfflineSession(prisma, PEAK);
  });

  it("shows the defaults and the widget's measured weight before anything is saved", async () => {
    const { settings, weight } = await loader(routeArgs(await documentRequest(HARBOR, "/app/settings")));
    expect(settings).toEqual({ attributionWindowDays: 7, attributionModel: "last_touch", holdoutPercent: 10, consentMode: "explicit" });
    const assets = path.join(projectRoot, "extensions/chatlift/assets");
    expect(weight).toMatchObject({
      loaderBytes: statSync(path.join(assets, "chatlift.js")).size,
      uiBytes: statSync(path.join(assets, "chatlift-ui.js")).size,
      loaderBudget: 4000,
      totalBudget: 20000,
    });
  });

  it("saves valid settings for the signed-in shop only", async () => {
    // WHEN harbor-supply saves a 14-day linear window with a 20% holdout
    const result = unwrap(await action(routeArgs(await formPost(HARBOR, "/app/settings", validForm))));

    // THEN they are stored on harbor-supply's row and north-peak keeps its defaults
    expect(result.status).toBe(200);
    const stored = await prisma.shop.findUniqueOrThrow({ where: { domain: domainOf(HARBOR) } });
    expect(stored).toMatchObject({ attributionWindowDays: 14, attributionModel: "linear", holdoutPercent: 20, consentMode: "explicit" });
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
