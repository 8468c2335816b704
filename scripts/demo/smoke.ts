/**
 * The smoke run's finish: waits until the app has stored and credited the simulated orders and
 * the outbox has delivered to the HubSpot sandbox, then until the first knowledge sync has built
 * the shop's answers index, asks the storefront the demo's questions, and counts each stage where
 * it landed (the app's database, the sandbox's JSON API, the answers). Every count must be above zero.
 */
import { randomUUID } from "node:crypto";
import type { Answer, Question } from "../../contract/answers";
import prisma from "../../app/db.server";
import { DEMO_QUESTIONS, DESKTOP_CHROME } from "./config";
import { waitFor } from "./processes";
import type { SimulationReport } from "./simulate";
import type { DemoStack } from "./stack";

export interface LoopCounts {
  visitors: number;
  events: number;
  orders: number;
  /** Credited revenue under the shop's own model and window, in the shop currency's major units. */
  credited_revenue: number;
  contacts: number;
  deals: number;
  /** Products, pages and policies the knowledge sync stored (every locale). */
  knowledge_sources: number;
  /** Demo questions answered (`kind: "answer"`) with a quote from the synced source they should name. */
  answered_questions: number;
}

async function sandboxCounts(stack: DemoStack): Promise<{ contacts: number; deals: number }> {
  const state = (await (await fetch(stack.urls.hubspotJson)).json()) as { contacts: unknown[]; deals: unknown[] };
  return { contacts: state.contacts.length, deals: state.deals.length };
}

/** Jobs due now that have not finished: order processing and HubSpot sync still under way. */
async function jobsInFlight(): Promise<number> {
  return prisma.job.count({ where: { status: { in: ["queued", "running"] }, runAt: { lte: new Date() } } });
}

export async function countLoop(stack: DemoStack): Promise<LoopCounts> {
  const shopDomain = stack.shop;
  const settings = await prisma.shop.findUniqueOrThrow({
    where: { domain: shopDomain },
    select: { attributionModel: true, attributionWindowDays: true },
  });
  const [visitors, events, orders, credit, sandbox] = await Promise.all([
    prisma.chatSession.findMany({ where: { shopDomain }, distinct: ["visitorId"], select: { visitorId: true } }),
    prisma.chatEvent.count({ where: { shopDomain } }),
    prisma.order.count({ where: { shopDomain } }),
    prisma.credit.aggregate({
      where: { shopDomain, model: settings.attributionModel, windowDays: settings.attributionWindowDays },
      _sum: { amountMinor: true },
    }),
    sandboxCounts(stack),
  ]);
  const knowledgeSources = await prisma.knowledgeSource.count({ where: { shopDomain, deletedAt: null } });
  return {
    visitors: visitors.length,
    events,
    orders,
    credited_revenue: Number(credit._sum.amountMinor ?? 0n) / 100,
    ...sandbox,
    knowledge_sources: knowledgeSources,
    answered_questions: 0,
  };
}

/** A shopper's question through the storefront's app proxy, as the widget sends it. */
export async function askStorefront(
  stack: DemoStack,
  question: string,
  page: Question["page"],
): Promise<{ status: number; answer?: Answer; body: string }> {
  const body: Question = { sessionId: randomUUID(), visitorId: "demo-asker", question, locale: "en", page };
  const response = await fetch(`${stack.storefront.url}/apps/chatlift/answers`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": DESKTOP_CHROME },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, answer: response.ok ? (JSON.parse(text) as Answer) : undefined, body: text };
}

/**
 * Waits for the first pass over the shop and the index built from it, then asks DEMO_QUESTIONS through the
 * storefront; returns how many were answered right.
 */
export async function askDemoQuestions(
  stack: DemoStack,
  log: (line: string) => void,
  timeoutMs = 180_000,
): Promise<number> {
  log("waiting for the first knowledge sync and its answers index…");
  await waitFor(
    "the first knowledge sync",
    async () => {
      const [sync, index] = await Promise.all([
        prisma.knowledgeSync.findUnique({
          where: { shopDomain: stack.shop },
          select: { lastSyncedAt: true, lastError: true },
        }),
        prisma.knowledgeIndex.findUnique({ where: { shopDomain: stack.shop }, select: { builtAt: true } }),
      ]);
      // The index is rebuilt a moment after the pass: it must hold what the pass stored.
      return sync?.lastSyncedAt && index && index.builtAt >= sync.lastSyncedAt ? true : undefined;
    },
    timeoutMs,
  );
  let answered = 0;
  for (const { question, page, sourceId, quotes } of DEMO_QUESTIONS) {
    const { status, answer, body } = await askStorefront(stack, question, page);
    const quoted =
      answer?.kind === "answer" &&
      answer.text.includes(quotes) &&
      answer.sources.some((source) => source.id === sourceId);
    if (quoted) answered += 1;
    else log(`"${question}" was not answered from ${sourceId} with "${quotes}": ${status} ${body.slice(0, 600)}`);
  }
  return answered;
}

export async function awaitLoop(
  stack: DemoStack,
  simulated: SimulationReport,
  log: (line: string) => void,
  timeoutMs = 120_000,
): Promise<{ ok: boolean; counts: LoopCounts }> {
  log("waiting for the orders to be credited and HubSpot to be synced…");
  try {
    await waitFor(
      "credit and sync",
      async () => {
        const [orders, inFlight, sandbox] = await Promise.all([
          prisma.order.count({ where: { shopDomain: stack.shop } }),
          jobsInFlight(),
          sandboxCounts(stack),
        ]);
        return orders >= simulated.orders && inFlight === 0 && sandbox.deals > 0 && sandbox.contacts > 0
          ? true
          : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    log(String((error as Error).message));
    log(`the app's last output:\n${stack.appOutput().slice(-4000)}`);
  }
  let answered = 0;
  try {
    answered = await askDemoQuestions(stack, log);
  } catch (error) {
    log(String((error as Error).message));
    log(`the app's last output:\n${stack.appOutput().slice(-4000)}`);
  }
  const counts = { ...(await countLoop(stack)), answered_questions: answered };
  const ok = Object.values(counts).every((value) => value > 0) && answered === DEMO_QUESTIONS.length;
  return { ok, counts };
}
