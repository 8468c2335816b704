/**
 * The handoff's two numbers for `npm run bench -- conversations`, measured, not derived:
 *  - reply_p95_ms: a staff reply (the Conversations page's service) until the shopper's poll (the handoff
 *    route's service, every HANDOFF_POLL_MS as the widget polls) returns it, over `runs` replies written at
 *    random moments of the poll cycle;
 *  - idle_requests: handoff requests the real widget (Chromium, storefront harness) sends in `idleMs` with
 *    the chat open and no handoff: the handoff bundle is not even loaded, so the goal is zero.
 * The services are called in-process (no proxy signature, no HTTP): the time is the database's and the poll's.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { HANDOFF_POLL_MS } from "../../widget/handoff/poll";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function replyLatencies(shopDomain: string, runs: number): Promise<number[]> {
  const { runHandoff } = await import("../../app/conversations/handoff.server");
  const { staffReply } = await import("../../app/conversations/handoff-staff.server");
  const { setOnline } = await import("../../app/conversations/availability.server");
  await setOnline(shopDomain, true, Date.now());
  const timings: number[] = [];
  for (let n = 0; n < runs; n += 1) {
    const chat = { sessionId: `bench-handoff-${n}`, visitorId: `bench-visitor-${n}` };
    const opened = await runHandoff(
      shopDomain,
      { op: "open", ...chat, reason: "asked", locale: "en" },
      { now: Date.now() },
    );
    if (opened.status !== "ok") throw new Error(`open: ${opened.status}`);
    const handoffId = opened.view.handoffId;
    let sentAt = Infinity;
    const reply = sleep(Math.random() * HANDOFF_POLL_MS * 1.5).then(async () => {
      sentAt = performance.now();
      const sent = await staffReply(shopDomain, handoffId, "Happy to help.", null, Date.now());
      if (!sent.ok) throw new Error(sent.error);
    });
    for (let after = 0; ;) {
      await sleep(HANDOFF_POLL_MS);
      const polled = await runHandoff(shopDomain, { op: "poll", ...chat, handoffId, after }, { now: Date.now() });
      if (polled.status !== "ok") throw new Error(`poll: ${polled.status}`);
      if (polled.view.messages.some((message) => message.from === "staff")) {
        timings.push(performance.now() - sentAt);
        break;
      }
    }
    await reply;
  }
  return timings.sort((a, b) => a - b);
}

export async function idleRequests(idleMs: number): Promise<number> {
  const { launchChromium } = await import("../../sandbox/browser/chromium");
  const { startStorefront } = await import("../../sandbox/storefront/server");
  const { starterConfig } = await import("../../app/flows/starter-config");
  const { DESKTOP_CHROME } = await import("../demo/config");
  let requests = 0;
  const shop = await startStorefront({
    config: starterConfig({ holdoutPercent: 100 }),
    handoff: async () => {
      requests += 1;
      return { status: 404, body: JSON.stringify({ error: "no such handoff" }) };
    },
  });
  const browser = await launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
  try {
    const page = await browser.newPage({ userAgent: DESKTOP_CHROME });
    await page.goto(`${shop.url}/products/linen-shirt?bench=${randomUUID()}`);
    await page.locator("#chatlift-root").getByRole("button", { name: "Open chat" }).click();
    await page.locator("#chatlift-root").getByRole("dialog").waitFor();
    await page.waitForTimeout(idleMs);
    return requests;
  } finally {
    await browser.close();
    await shop.close();
  }
}
