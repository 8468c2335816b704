/**
 * Handoff end to end over real HTTP: the shopper's widget speaks to POST /apps/chatlift/handoff with really
 * signed app-proxy requests, the staff answer from the Conversations pages' actions with real session tokens.
 * A staff reply reaches the session that asked and no other; another shop's or another session's ids are
 * refused as missing; bad input is a 400 that says what is wrong; nobody online means an email with consent,
 * a lead, and the events routing reads (handoff_requested).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { action as handoffRoute } from "../../../app/routes/apps.chatlift.handoff";
import { action as conversationAction } from "../../../app/routes/app.conversations.$sessionId";
import { action as conversationsAction } from "../../../app/routes/app.conversations._index";
import type { HandoffView } from "../../../contract/handoff";
import { aHandoffOpen, aHandoffScene, recordAbstentions, type Chat } from "../../support/builders/handoff-scene";
import { domainOf } from "../../support/builders/sessions";
import { HOUR, MINUTE, NOW, NOW_MS } from "../../support/clock";
import { signedProxyQuery } from "../../support/http/signed-requests";
import { serveRoutes, type RouteServer } from "../../support/http/route-server";
import { postAdminForm, postThroughProxy } from "../../support/http/wire-posts";

const scene = aHandoffScene("handoff");
const { run: RUN, store: STORE, other: OTHER, aChat } = scene;
const PATH = "/apps/chatlift/handoff";

let server: RouteServer;

/** What the widget's handoff bundle sends, signed by "Shopify" for `store`. */
const proxy = (store: string, body: unknown) =>
  postThroughProxy<HandoffView & { error?: string }>(server.origin, PATH, body, { shop: domainOf(store) });

const open = (chat: Chat) => proxy(chat.store, aHandoffOpen(chat));
const op = (chat: Chat, handoffId: string, body: Record<string, unknown>) =>
  proxy(chat.store, { sessionId: chat.sessionId, visitorId: chat.visitorId, handoffId, ...body });

/** A form post from the embedded admin of `store` (session token in Authorization). */
const staff = (store: string, path: string, fields: Record<string, string>) =>
  postAdminForm(server.origin, store, path, fields);

const eventsOf = (store: string, sessionId: string) =>
  prisma.chatEvent
    .findMany({ where: { shopDomain: domainOf(store), sessionId }, orderBy: { occurredAt: "asc" } })
    .then((events) => events.map((event) => [event.type, event.microKind ?? event.data]));

describe("handoff through the app proxy", () => {
  beforeAll(async () => {
    await scene.setUp();
    // The conversation pages of the chats this file opens, as Remix routes /app/conversations/$sessionId.
    const pages = Object.fromEntries(
      Array.from({ length: 12 }, (_, n) => scene.sessionIdOf(n + 1)).map((sessionId) => [
        `/app/conversations/${sessionId}`,
        (args: Parameters<typeof conversationAction>[0]) => conversationAction({ ...args, params: { sessionId } }),
      ]),
    );
    server = await serveRoutes({ [PATH]: handoffRoute, "/app/conversations": conversationsAction, ...pages });
  });
  afterAll(async () => {
    await server?.close();
    vi.useRealTimers();
  });

  it("GIVEN nobody online and no hours WHEN a shopper asks for a person THEN offline: no polling, an email answer promised in 24 h", async () => {
    const chat = aChat();
    const { status, body } = await open(chat);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "waiting", mode: "offline", poll: false, messages: [] });
    expect(body.answerBy).toBe(new Date(NOW_MS + 24 * HOUR).toISOString());
    expect(await eventsOf(STORE, chat.sessionId)).toEqual([
      ["handoff_requested", '{"reason":"asked","mode":"offline"}'],
    ]);

    const left = await op(chat, body.handoffId, {
      op: "leave",
      email: "Ann@Example.com",
      consent: { granted: true, text: "Email me the answer to my question." },
      question: "Can I return a worn shirt? Call me on +44 20 7946 0958",
      page: { type: "product", path: "/products/linen-shirt" },
    });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ status: "offline", poll: false });
    expect(left.body.messages.map((m) => [m.from, m.text])).toEqual([
      ["shopper", "Can I return a worn shirt? Call me on [phone]"],
    ]);
    // The email became a lead with its consent, by the path every captured email takes (routing reads the events).
    const lead = await prisma.lead.findUnique({
      where: { shopDomain_email: { shopDomain: domainOf(STORE), email: "ann@example.com" } },
    });
    expect(lead).toMatchObject({ consentText: "Email me the answer to my question.", lastSessionId: chat.sessionId });
    expect((await eventsOf(STORE, chat.sessionId)).map(([type]) => type)).toEqual([
      "handoff_requested",
      "handoff_message",
      "micro_conversion",
    ]);
    const stored = await prisma.chatEvent.findMany({
      where: { shopDomain: domainOf(STORE), sessionId: chat.sessionId },
    });
    expect(JSON.stringify(stored)).not.toContain("ann@example.com");

    const again = await op(chat, body.handoffId, { op: "say", text: "hello?" });
    expect(again).toEqual({ status: 409, body: { error: "the question was left for an answer by email" } });
  });

  it("GIVEN the shop's answer was an honest 'I don't know' WHEN the shopper then asks for a person THEN the handoff says it came from that abstention", async () => {
    const chat = aChat();
    // The answers route recorded an abstention two minutes ago, as it does (answer_abstained in the session's log).
    await recordAbstentions(chat, [NOW_MS - 2 * MINUTE]);

    const { status, body } = await open(chat);

    expect(status).toBe(200);
    expect(await eventsOf(STORE, chat.sessionId)).toEqual([
      ["answer_abstained", '{"locale":"en"}'],
      ["handoff_requested", `{"reason":"abstained","mode":"${body.mode}"}`],
    ]);
    expect(
      await prisma.handoff.findFirst({ where: { shopDomain: domainOf(STORE), sessionId: chat.sessionId } }),
    ).toMatchObject({
      reason: "abstained",
    });
  });

  it("GIVEN the team online WHEN a shopper asks THEN a staff reply reaches that chat's poll, and no other chat's", async () => {
    expect((await staff(STORE, "/app/conversations", { intent: "online", online: "on" })).status).toBe(200);
    const chat = aChat();
    const neighbour = aChat();
    const opened = await open(chat);
    const other = await open(neighbour);
    expect(opened.body).toMatchObject({ status: "waiting", mode: "live", poll: true });
    expect(opened.body.offerOfflineAt).toBe(new Date(NOW_MS + 120_000).toISOString());
    const id = opened.body.handoffId;

    expect((await op(chat, id, { op: "say", text: "Is the linen shirt boxy?" })).status).toBe(200);
    const reply = await staff(STORE, `/app/conversations/${chat.sessionId}`, {
      intent: "reply",
      handoffId: id,
      text: "It runs a little large: take your usual size.",
    });
    expect(reply).toEqual({ status: 200, body: { ok: true, intent: "reply" } });

    const polled = await op(chat, id, { op: "poll", after: 1 });
    expect(polled.body).toMatchObject({ status: "live", poll: true });
    expect(polled.body.messages.map((m) => [m.seq, m.from, m.text])).toEqual([
      [2, "staff", "It runs a little large: take your usual size."],
    ]);
    // The neighbour's chat sees nothing of it, in its own handoff…
    const theirs = await op(neighbour, other.body.handoffId, { op: "poll", after: 0 });
    expect(theirs.body).toMatchObject({ status: "waiting", messages: [] });
    // …and cannot read this one with its own session, nor can another shop's signed request.
    expect((await op(neighbour, id, { op: "poll", after: 0 })).status).toBe(404);
    expect((await op({ ...chat, store: OTHER }, id, { op: "poll", after: 0 })).status).toBe(404);
    expect((await op({ ...chat, visitorId: `visitor_${RUN}_x` }, id, { op: "say", text: "hi" })).status).toBe(404);
    // Another shop's staff cannot answer it either.
    const foreign = await staff(OTHER, `/app/conversations/${chat.sessionId}`, {
      intent: "reply",
      handoffId: id,
      text: "hi",
    });
    expect(foreign).toEqual({
      status: 404,
      body: { ok: false, status: 404, errors: ["No such handoff in this shop"] },
    });

    expect(
      (await staff(STORE, `/app/conversations/${chat.sessionId}`, { intent: "close", handoffId: id })).status,
    ).toBe(200);
    const closed = await op(chat, id, { op: "poll", after: 2 });
    expect(closed.body).toMatchObject({ status: "closed", poll: false, messages: [] });
    expect((await eventsOf(STORE, chat.sessionId)).map(([type, detail]) => `${type} ${detail}`)).toEqual([
      'handoff_requested {"reason":"asked","mode":"live"}',
      'handoff_message {"from":"shopper"}',
      'handoff_message {"from":"staff"}',
      "handoff_closed null",
    ]);
    const handoff = await prisma.handoff.findUniqueOrThrow({ where: { id } });
    expect(handoff.firstStaffReplyAt).toEqual(NOW);
  });

  it("GIVEN a shopper asks twice in one chat THEN the same handoff comes back with its messages, not a second one", async () => {
    const chat = aChat();
    const first = await open(chat);
    await op(chat, first.body.handoffId, { op: "say", text: "Hello" });
    const second = await open(chat);
    expect(second.body.handoffId).toBe(first.body.handoffId);
    expect(second.body.messages.map((m) => m.text)).toEqual(["Hello"]);
  });

  it.each([
    ["not JSON", "{nope", /body is not JSON/],
    ["no operation", { sessionId: "sess_abcdefgh", visitorId: "visitor_abcdefgh" }, /invalid handoff request: op/],
    [
      "a message too long",
      {
        op: "say",
        sessionId: "sess_abcdefgh",
        visitorId: "visitor_abcdefgh",
        handoffId: randomUUID(),
        text: "x".repeat(1001),
      },
      /text \(at most 1000 characters\)/,
    ],
    [
      "an email without consent",
      {
        op: "leave",
        sessionId: "sess_abcdefgh",
        visitorId: "visitor_abcdefgh",
        handoffId: randomUUID(),
        email: "a@b.co",
        question: "q",
      },
      /consent/,
    ],
    [
      "a handoff id that is no uuid",
      { op: "poll", sessionId: "sess_abcdefgh", visitorId: "visitor_abcdefgh", handoffId: "1", after: 0 },
      /handoffId/,
    ],
  ])("GIVEN %s THEN 400 naming what is wrong", async (_name, body, error) => {
    const answer = await proxy(STORE, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(error);
  });

  it("GIVEN a forged signature THEN refused before anything is read", async () => {
    const answer = await fetch(
      `${server.origin}${PATH}?${signedProxyQuery({ shop: domainOf(STORE), signature: "00" })}`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Mozilla/5.0 Chrome/131.0" },
        body: "{}",
      },
    );
    expect(answer.status).toBe(400);
  });

  it("GIVEN business hours the merchant mistyped THEN 400 naming the day, nothing saved; good hours are saved", async () => {
    const bad = await staff(STORE, "/app/conversations", {
      intent: "hours",
      mon: "17:00-09:00",
      waitSeconds: "60",
      replyWithinHours: "12",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(["Monday: opens before it closes (write e.g. 09:00-12:30, 13:30-17:00)"]);
    expect(await prisma.handoffSettings.findUnique({ where: { shopDomain: domainOf(STORE) } })).toMatchObject({
      businessHours: null,
    });
    const good = await staff(STORE, "/app/conversations", {
      intent: "hours",
      fri: "9:00-17:00",
      waitSeconds: "60",
      replyWithinHours: "12",
    });
    expect(good.status).toBe(200);
    expect(await prisma.handoffSettings.findUnique({ where: { shopDomain: domainOf(STORE) } })).toMatchObject({
      businessHours: JSON.stringify({ fri: [["09:00", "17:00"]] }),
      waitSeconds: 60,
    });
    const empty = await staff(STORE, `/app/conversations/${aChat().sessionId}`, {
      intent: "reply",
      handoffId: randomUUID(),
      text: " ",
    });
    expect(empty).toMatchObject({
      status: 400,
      body: { ok: false, errors: [expect.stringContaining("write a reply")] },
    });
  });
});
