/**
 * The smoke run's finish: waits until the app has stored and credited the simulated orders and
 * the outbox has delivered to the HubSpot sandbox, then counts each stage where it landed
 * (the app's database, the sandbox's JSON API). Every count must be above zero.
 */
import prisma from "../../app/db.server";
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
  const settings = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain }, select: { attributionModel: true, attributionWindowDays: true } });
  const [visitors, events, orders, credit, sandbox] = await Promise.all([
    prisma.chatSession.findMany({ where: { shopDomain }, distinct: ["visitorId"], select: { visitorId: true } }),
    prisma.chatEvent.count({ where: { shopDomain } }),
    prisma.order.count({ where: { shopDomain } }),
    prisma.credit.aggregate({ where: { shopDomain, model: settings.attributionModel, windowDays: settings.attributionWindowDays }, _sum: { amountMinor: true } }),
    sandboxCounts(stack),
  ]);
  return { visitors: visitors.length, events, orders, credited_revenue: Number(credit._sum.amountMinor ?? 0n) / 100, ...sandbox };
}

export async function awaitLoop(stack: DemoStack, simulated: SimulationReport, log: (line: string) => void, timeoutMs = 120_000): Promise<{ ok: boolean; counts: LoopCounts }> {
  log("waiting for the orders to be credited and HubSpot to be synced…");
  try {
    await waitFor(
      "credit and sync",
      async () => {
        const [orders, inFlight, sandbox] = await Promise.all([prisma.order.count({ where: { shopDomain: stack.shop } }), jobsInFlight(), sandboxCounts(stack)]);
        return orders >= simulated.orders && inFlight === 0 && sandbox.deals > 0 && sandbox.contacts > 0 ? true : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    log(String((error as Error).message));
    log(`the app's last output:\n${stack.appOutput().slice(-4000)}`);
  }
  const counts = await countLoop(stack);
  return { ok: Object.values(counts).every((value) => value > 0), counts };
}
