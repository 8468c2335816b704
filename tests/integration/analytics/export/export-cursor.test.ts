/**
 * The export's cursor follows the order the app received events in (app/analytics/export/cursor.server.ts):
 * a batch that arrives hours after its events occurred is still exported, once, to both stand-ins;
 * events received in the same instant are neither lost nor doubled across a page boundary; a write
 * received before another but committed after it is not skipped; and the migration that moved each
 * destination's occurredAt cursor to the receivedAt order sends nothing twice and loses nothing.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");

import prisma, { databaseTarget } from "../../../../app/db.server";
import { action as eventsRoute } from "../../../../app/routes/apps.chatlift.events";
import { resetIngestLimits } from "../../../../app/capture/ingest.server";
import { recordAnalyticsConsent } from "../../../../app/analytics/export/consent.server";
import { EXPORT_PAGE } from "../../../../app/analytics/export/destination";
import { startGa4Sandbox, type Ga4Sandbox } from "../../../../sandbox/ga4/server";
import { startMixpanelSandbox, type MixpanelSandbox } from "../../../../sandbox/mixpanel/server";
import { aBatch, anEvent } from "../../../support/builders/events";
import { aConsentedSession, aShopExportingTo, aStepViewed, runExportsAt } from "../../../support/builders/export-scene";
import { freezeClock, HOUR, MINUTE, NOW } from "../../../support/clock";
import { projectRoot } from "../../../support/database";
import { responseOf, routeArgs } from "../../../support/http/responses";
import { signedProxyRequest } from "../../../support/http/signed-requests";

const RUN = randomUUID().slice(0, 8);
const SECOND = 1000;
let ga4: Ga4Sandbox;
let mixpanel: MixpanelSandbox;
let shops = 0;

beforeAll(async () => {
  [ga4, mixpanel] = await Promise.all([startGa4Sandbox(), startMixpanelSandbox()]);
});
afterAll(async () => {
  await Promise.all([ga4.close(), mixpanel.close()]);
});
beforeEach(() => {
  freezeClock(NOW);
  resetIngestLimits();
  ga4.requests.length = 0;
  mixpanel.requests.length = 0;
  mixpanel.events.length = 0;
  mixpanel.duplicates = 0;
});

async function aShop(): Promise<string> {
  shops += 1;
  return aShopExportingTo(`export-cursor-${RUN}-${shops}.myshopify.com`, { ga4: ga4.url, mixpanel: mixpanel.url });
}

const at = (ms: number) => new Date(NOW.getTime() + ms);
const ga4Ids = () => ga4.keptEvents().map((event) => String(event.params.chat_event_id));
const mixpanelIds = () => mixpanel.events.map((event) => event.properties.$insert_id);

/**
 * The export's runs at `when` and a minute later: a request the stand-in dropped on a loaded machine
 * ("fetch failed") is retried within 5 s, and what the tests assert is that every event arrives once.
 */
async function exportAt(when: Date): Promise<void> {
  await runExportsAt(when);
  await runExportsAt(new Date(when.getTime() + MINUTE));
}

async function send(shop: string, body: unknown): Promise<void> {
  const response = await responseOf(eventsRoute(routeArgs(signedProxyRequest({ shop, body }))));
  expect(response.status).toBe(200);
}

describe("the export's cursor", () => {
  it("GIVEN a batch received now whose events occurred hours before the cursor WHEN the export runs, and runs again THEN both stand-ins hold each of its events exactly once", async () => {
    const shop = await aShop();
    const early = `sess_${RUN}_early`;
    const earlyAdd = randomUUID();
    await send(
      shop,
      aBatch({
        visitorId: `visitor_${RUN}_early`,
        events: [anEvent("micro_conversion", { id: earlyAdd, sessionId: early, occurredAt: NOW.getTime() - MINUTE })],
      }),
    );
    await recordAnalyticsConsent(shop, early, { analytics: true, marketing: false, gaClientId: null });
    await exportAt(at(5 * MINUTE));
    expect(ga4Ids()).toEqual([earlyAdd]);
    expect(mixpanelIds()).toEqual([earlyAdd]);

    // A phone that lost its connection sends a chat from three hours ago, ten minutes later.
    freezeClock(at(10 * MINUTE));
    const late = `sess_${RUN}_late`;
    const occurred = NOW.getTime() - 3 * HOUR;
    const lateIds = [randomUUID(), randomUUID()];
    await send(
      shop,
      aBatch({
        visitorId: `visitor_${RUN}_late`,
        sentAt: Date.now(),
        events: [
          anEvent("flow_started", { id: lateIds[0], sessionId: late, occurredAt: occurred, flowId: "size-help" }),
          anEvent("micro_conversion", { id: lateIds[1], sessionId: late, occurredAt: occurred + SECOND }),
        ],
      }),
    );
    await recordAnalyticsConsent(shop, late, { analytics: true, marketing: false, gaClientId: null });
    const stored = await prisma.chatEvent.findMany({ where: { shopDomain: shop, sessionId: late } });
    expect(stored.map((event) => event.occurredAt.getTime()).sort()).toEqual([occurred, occurred + SECOND]);

    await exportAt(at(15 * MINUTE));
    await exportAt(at(30 * MINUTE));

    expect(ga4Ids().sort()).toEqual([earlyAdd, ...lateIds].sort());
    const lateAtGa4 = ga4.keptEvents().filter((event) => event.params.chat_session_id === late);
    expect(lateAtGa4.map((event) => event.name)).toEqual(["chat_flow_started", "add_to_cart"]);
    // Dated when it happened (GA4 takes one timestamp per request), not when it arrived.
    expect(lateAtGa4[0]?.timestamp_micros).toBe(occurred * 1000);
    expect(mixpanelIds().sort()).toEqual([earlyAdd, ...lateIds].sort());
    expect(mixpanel.duplicates).toBe(0);
  });

  it("GIVEN more than a page of events received in the same millisecond WHEN the export runs THEN every event reaches both stand-ins once", async () => {
    const shop = await aShop();
    const received = at(-10 * MINUTE);
    const sessions = Array.from({ length: 45 }, (_, i) => `sess_${RUN}_tie_${String(i).padStart(2, "0")}`);
    const rows = [];
    for (const [s, sessionId] of sessions.entries()) {
      await aConsentedSession(shop, sessionId, received);
      for (let i = 0; i < 47; i += 1)
        rows.push(aStepViewed(shop, sessionId, { occurredAt: at(-20 * MINUTE + s * 47 + i), receivedAt: received }));
    }
    await prisma.chatEvent.createMany({ data: rows });
    // 45 × 47 = 2,115: the first page (2,000) ends inside the 43rd session's events.
    expect(rows.length).toBeGreaterThan(EXPORT_PAGE);

    await exportAt(NOW);

    const all = rows.map((row) => row.id).sort();
    expect(ga4Ids().sort()).toEqual(all);
    expect(mixpanelIds().sort()).toEqual(all);
    expect(mixpanel.duplicates).toBe(0);
    const cursors = await prisma.analyticsDestination.findMany({ where: { shopDomain: shop } });
    expect(cursors.map((row) => row.cursorReceivedAt)).toEqual([received, received]);
  });

  it("GIVEN a write received before another but committed after the export first looked WHEN the export runs past the lag THEN neither is skipped", async () => {
    const shop = await aShop();
    const sessionId = `sess_${RUN}_commit`;
    await aConsentedSession(shop, sessionId, NOW);
    const second = aStepViewed(shop, sessionId, { occurredAt: at(29 * SECOND), receivedAt: at(30 * SECOND) });
    await prisma.chatEvent.create({ data: second });

    // Received 35 s ago: within the lag, so not read yet.
    await runExportsAt(at(65 * SECOND));
    expect(ga4.requests).toHaveLength(0);
    expect(mixpanel.requests).toHaveLength(0);

    // The earlier request's transaction commits only now.
    const first = aStepViewed(shop, sessionId, { occurredAt: at(19 * SECOND), receivedAt: at(20 * SECOND) });
    await prisma.chatEvent.create({ data: first });

    await exportAt(at(3 * MINUTE));
    expect(ga4Ids()).toEqual([first.id, second.id]);
    expect(mixpanelIds()).toEqual([first.id, second.id]);
  });

  it("GIVEN a destination whose occurredAt cursor passed an event received after one it had not passed WHEN the migration moves it to the receivedAt order and the export runs THEN only the events it had not sent arrive, once", async () => {
    const shop = await aShop();
    const sessionId = `sess_${RUN}_migrated`;
    const t0 = -10 * MINUTE;
    await aConsentedSession(shop, sessionId, at(t0));
    const sent = aStepViewed(shop, sessionId, { occurredAt: at(t0), receivedAt: at(t0 + SECOND) });
    const cursor = aStepViewed(shop, sessionId, { occurredAt: at(t0 + 2 * SECOND), receivedAt: at(t0 + 10 * SECOND) });
    const notPassed = aStepViewed(shop, sessionId, {
      occurredAt: at(t0 + 3 * SECOND),
      receivedAt: at(t0 + 4 * SECOND),
    });
    const after = aStepViewed(shop, sessionId, { occurredAt: at(t0 + 20 * SECOND), receivedAt: at(t0 + 21 * SECOND) });
    await prisma.chatEvent.createMany({ data: [sent, cursor, notPassed, after] });
    // Before the migration: both cursors at `cursor`; GA4 had also sent `notPassed` in a page it had not finished.
    await withOldCursorColumn(async () => {
      await prisma.$executeRaw`UPDATE "AnalyticsDestination"
        SET "cursorOccurredAt" = (SELECT "occurredAt" FROM "ChatEvent" WHERE "id" = ${cursor.id}),
          "cursorSessionId" = ${sessionId}, "cursorEventId" = ${cursor.id}, "cursorReceivedAt" = NULL,
          "pageDelivered" = CASE WHEN "kind" = 'ga4' THEN ${JSON.stringify([notPassed.id])} ELSE NULL END
        WHERE "shopDomain" = ${shop}`;
      for (const statement of dataStepOfMigration()) await prisma.$executeRawUnsafe(statement);
    });

    const rows = await prisma.analyticsDestination.findMany({ where: { shopDomain: shop }, orderBy: { kind: "asc" } });
    expect(
      rows.map((row) => ({
        kind: row.kind,
        at: row.cursorReceivedAt,
        handled: (JSON.parse(row.pageDelivered ?? "[]") as string[]).sort(),
      })),
    ).toEqual([
      { kind: "ga4", at: notPassed.receivedAt, handled: [cursor.id, notPassed.id].sort() },
      { kind: "mixpanel", at: notPassed.receivedAt, handled: [cursor.id] },
    ]);

    await exportAt(NOW);

    expect(ga4Ids()).toEqual([after.id]);
    expect(mixpanelIds()).toEqual([notPassed.id, after.id]);
    const done = await prisma.analyticsDestination.findMany({ where: { shopDomain: shop } });
    expect(done.map((row) => [row.cursorEventId, row.pageDelivered])).toEqual([
      [after.id, null],
      [after.id, null],
    ]);
  });
});

/** The table as it was before the migration, for the length of `work`: the old cursor column back. */
async function withOldCursorColumn(work: () => Promise<void>): Promise<void> {
  const type = databaseTarget.provider === "postgresql" ? "TIMESTAMP(3)" : "DATETIME";
  await prisma.$executeRawUnsafe(`ALTER TABLE "AnalyticsDestination" ADD COLUMN "cursorOccurredAt" ${type}`);
  try {
    await work();
  } finally {
    await prisma.$executeRawUnsafe(`ALTER TABLE "AnalyticsDestination" DROP COLUMN "cursorOccurredAt"`);
  }
}

/** The committed migration's data step for this database's provider, statement by statement. */
function dataStepOfMigration(): string[] {
  const root = path.join(
    projectRoot,
    databaseTarget.provider === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations",
  );
  const folder = readdirSync(root).find((name) => name.endsWith("_export_cursor_received_at"));
  const sql = readFileSync(path.join(root, folder!, "migration.sql"), "utf8");
  const step = sql.slice(sql.indexOf("-- Data step"), sql.indexOf("-- End of the data step."));
  return step
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^--.*$/gm, "").trim())
    .filter(Boolean);
}
