/**
 * The event log download over real HTTP (the admin's session token in Authorization, as App Bridge sends it):
 * a range larger than several pages streams out chunk by chunk with every event once and in order, as CSV and
 * as NDJSON; contact details, typed text and customer ids never appear, whatever the stored rows hold; another
 * shop's events and events outside the range stay out; a bad range or format gets a 400 that says why.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../../../app/db.server";
import { loader as eventLogLoader } from "../../../../app/routes/app.analytics-export.events";
import { LOG_PAGE_SIZE } from "../../../../app/analytics/export/event-log.server";
import { NEVER_EXPORTED, type StoredEvent } from "../../../../app/analytics/export/event-spec";
import { aStoredEvent, aStoredMicro } from "../../../support/builders/export-events";
import { storeOfflineSession } from "../../../support/builders/sessions";
import { DAY, freezeClock, HOUR, NOW } from "../../../support/clock";
import { serveRoutes, type RouteServer } from "../../../support/http/route-server";
import { adminFetchHeaders } from "../../../support/http/signed-requests";

const RUN = randomUUID().slice(0, 8);
const STORE = `event-log-${RUN}`;
const SHOP = `${STORE}.myshopify.com`;
const OTHER = `event-log-other-${RUN}.myshopify.com`;
const PATH = "/app/analytics-export/events";
/** Enough events for three pages of the service's reads. */
const MANY = LOG_PAGE_SIZE * 2 + 500;
const PII = {
  email: "ana.pii@example.com",
  phone: "+1 555 010 2030",
  question: "my card number is 4111 and I live at 12 Elm Street",
  customerId: "gid://shopify/Customer/777001",
  name: "Ana Secretname",
};

/** A stored event as the ingest writes its row. */
function rowOf(shopDomain: string, event: StoredEvent) {
  return {
    shopDomain,
    id: event.id,
    sessionId: event.sessionId,
    type: event.type,
    flowId: event.flowId,
    stepId: event.stepId,
    variantId: event.variantId,
    microKind: event.microKind,
    occurredAt: event.occurredAt,
    receivedAt: event.occurredAt,
    data: event.data ? JSON.stringify(event.data) : null,
  };
}

async function aSession(id: string, emailConsentAt: Date | null) {
  await prisma.chatSession.create({
    data: {
      shopDomain: SHOP,
      id,
      visitorId: `visitor-${id}`,
      arm: "treatment",
      startedAt: new Date(NOW.getTime() - 10 * DAY),
      lastSeenAt: NOW,
      email: emailConsentAt ? PII.email : null,
      emailConsentAt,
    },
  });
}

let server: RouteServer;
const start = new Date(NOW.getTime() - 9 * DAY);

beforeAll(async () => {
  freezeClock(NOW);
  await storeOfflineSession(prisma, STORE);
  await prisma.shop.upsert({ where: { domain: SHOP }, create: { domain: SHOP, timeZone: "UTC" }, update: {} });
  await aSession("sess-consented", new Date(NOW.getTime() - 9 * DAY));
  await aSession("sess-unconsented", null);
  const events: StoredEvent[] = [];
  for (let i = 0; i < MANY; i += 1)
    events.push(
      aStoredEvent({
        sessionId: `sess-${i % 40}`,
        occurredAt: new Date(start.getTime() + i * 60_000),
        // What a stored row must never give away, whichever event carries it.
        data: { trigger: "dwell", email: PII.email, phone: PII.phone, question: PII.question, text: PII.question },
      }),
    );
  events.push(
    aStoredEvent({
      type: "session_started",
      sessionId: "sess-consented",
      occurredAt: new Date(start.getTime() + HOUR),
      data: { landingPath: `/products/shirt?email=${PII.email}`, utm: { source: PII.email, campaign: "spring" } },
    }),
    aStoredMicro(
      "email_capture",
      { customerId: PII.customerId, name: PII.name },
      {
        sessionId: "sess-consented",
        occurredAt: new Date(start.getTime() + 2 * HOUR),
      },
    ),
    aStoredMicro(
      "email_capture",
      {},
      { sessionId: "sess-unconsented", occurredAt: new Date(start.getTime() + 3 * HOUR) },
    ),
  );
  // Outside the range, and another shop's: never in the file.
  const outside = [
    aStoredEvent({ id: `outside-before-${RUN}`, occurredAt: new Date(start.getTime() - 2 * DAY) }),
    aStoredEvent({ id: `outside-after-${RUN}`, occurredAt: new Date(NOW.getTime() + 2 * DAY) }),
  ];
  await prisma.chatEvent.createMany({ data: [...events, ...outside].map((event) => rowOf(SHOP, event)) });
  await prisma.chatEvent.create({ data: rowOf(OTHER, aStoredEvent({ id: `other-shop-${RUN}` })) });
  server = await serveRoutes({ [PATH]: eventLogLoader });
});
afterAll(async () => {
  await server?.close();
  vi.useRealTimers();
});

const from = start.toISOString().slice(0, 10);
const to = NOW.toISOString().slice(0, 10);

async function download(query: Record<string, string>) {
  const response = await fetch(`${server.origin}${PATH}?${new URLSearchParams(query).toString()}`, {
    headers: await adminFetchHeaders(STORE, PATH),
  });
  const chunks: Uint8Array[] = [];
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return { response, chunks, text: Buffer.concat(chunks).toString("utf8") };
}

function expectNoPii(text: string) {
  for (const value of Object.values(PII)) expect(text).not.toContain(value);
  expect(text).not.toContain("@");
}

describe("the event log download", () => {
  it("GIVEN three pages of events WHEN downloaded as CSV THEN the file streams in chunks, every event of the range once, in order, without PII", async () => {
    const { response, chunks, text } = await download({ from, to, format: "csv" });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="chatlift-events-${from}-to-${to}.csv"`,
    );
    // Streamed: no length known up front, the body in several pieces.
    expect(response.headers.get("content-length")).toBeNull();
    expect(chunks.length).toBeGreaterThanOrEqual(3);

    const [header, ...lines] = text.trimEnd().split("\r\n");
    const columns = header!.split(",");
    expect(columns.slice(0, 5)).toEqual(["event_id", "session_id", "occurred_at", "event", "ga4_event"]);
    for (const never of NEVER_EXPORTED) expect(columns).not.toContain(never);
    // MANY flow starts, the session start and the consented lead; the lead given without consent is not exported.
    expect(lines).toHaveLength(MANY + 2);
    const times = lines.map((line) => line.split(",")[2]!);
    expect(times).toEqual([...times].sort());
    expect(new Set(lines.map((line) => line.split(",")[0])).size).toBe(lines.length);
    expect(text).not.toMatch(/outside-|other-shop-/);
    expect(lines.filter((line) => line.includes(",chat_lead,generate_lead,"))).toHaveLength(1);
    const started = lines.find((line) => line.includes(",chat_session_started,"))!;
    expect(started).toContain("spring");
    expectNoPii(text);
  });

  it("GIVEN the same range WHEN downloaded as NDJSON THEN each line is one event with only specified properties", async () => {
    const { response, text } = await download({ from, to, format: "ndjson" });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const events = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { event: string; properties: Record<string, unknown> });
    expect(events).toHaveLength(MANY + 2);
    expect(events[0]).toMatchObject({
      event: "chat_flow_started",
      properties: { flow_id: "size-help", trigger: "dwell" },
    });
    for (const event of events)
      for (const key of Object.keys(event.properties)) expect(NEVER_EXPORTED as readonly string[]).not.toContain(key);
    expectNoPii(text);
  });

  it.each([
    [{ from: to, to: from }, "the start date must not be after the end date"],
    [{ from: "2026-02-30", to }, "from: not a calendar date"],
    [{ from: "20-11-2026" }, "from: dates are YYYY-MM-DD"],
    [{ from: "2024-01-01", to }, "choose at most 366 days"],
    [{ from, to, format: "xlsx" }, "format: format must be one of csv, ndjson"],
  ])("GIVEN the query %j WHEN downloaded THEN 400 says why and nothing is streamed", async (query, reason) => {
    const { response, text } = await download(query);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(text).toContain(reason);
  });
});
