/**
 * `hubspot.deal`: a credited order as a HubSpot deal, at most once. The deal's amount is the
 * order's credit under the shop's own model and window, read when the job runs (not when it was
 * queued), so a refund before the sync is already reflected; a deal HubSpot already has gets the
 * current amount and credit rule (a refund after the sync). The order id property makes the job
 * safe to run twice: an order HubSpot has is found, never created again.
 */
import prisma from "../db.server";
import { currencyDigits } from "../attribution/money";
import { isCrmError } from "../integrations/hubspot/crm-port";
import type { JobContext } from "../platform/jobs/runner.server";
import { currencyPlan, dealFor, dealsToCreate, dealUpdateFor } from "./deals";
import type { DealJobPayload } from "./outbox.server";
import { recordOnHubSpotOrder } from "./order-credit-jobs.server";
import { runShopJob } from "./single-job.server";

/** The HubSpot contact of the order's shopper, when ChatLift synced one. */
async function contactIdFor(
  shopDomain: string,
  email: string | null,
  sessionIds: string[],
): Promise<string | undefined> {
  const sessions = await prisma.chatSession.findMany({
    where: { shopDomain, id: { in: sessionIds }, email: { not: null } },
    select: { email: true },
  });
  const emails = [email?.trim().toLowerCase(), ...sessions.map((session) => session.email)].filter(
    (value): value is string => !!value,
  );
  if (!emails.length) return undefined;
  const leads = await prisma.lead.findMany({
    where: { shopDomain, email: { in: emails }, hubspotContactId: { not: null } },
    select: { email: true, hubspotContactId: true },
  });
  for (const candidate of emails) {
    const lead = leads.find((row) => row.email === candidate);
    if (lead?.hubspotContactId) return lead.hubspotContactId;
  }
  return undefined;
}

export async function runDealJob(payload: unknown, context: JobContext): Promise<void> {
  const { shopDomain, orderId } = payload as DealJobPayload;
  await runShopJob(shopDomain, context, async (shop) => {
    const [settings, order] = await Promise.all([
      prisma.shop.findUnique({
        where: { domain: shopDomain },
        select: { attributionModel: true, attributionWindowDays: true },
      }),
      prisma.order.findUnique({ where: { id: orderId }, include: { credits: true } }),
    ]);
    // Redacted since: nothing to record.
    if (!order) return;
    const model = settings?.attributionModel ?? "last_touch";
    const windowDays = settings?.attributionWindowDays ?? 7;
    const credits = order.credits.filter((credit) => credit.model === model && credit.windowDays === windowDays);
    const amountMinor = credits.reduce((sum, credit) => sum + Number(credit.amountMinor), 0);
    const largest = [...credits].sort((a, b) => Number(b.amountMinor) - Number(a.amountMinor))[0];
    const deal = dealFor(
      {
        orderId: order.id,
        orderName: order.name,
        amount: Math.max(0, amountMinor) / 10 ** currencyDigits(order.currency),
        currency: order.currency,
        placedAt: order.placedAt,
        creditRule: largest?.rule ?? "",
        contactId: await contactIdFor(
          shopDomain,
          order.email,
          credits.map((credit) => credit.chatSessionId),
        ),
      },
      shop.deal,
    );
    // HubSpot's own order first, where the merchant chose it: it decides whether a deal is made here.
    const dealStep = await recordOnHubSpotOrder(shop, {
      orderId: order.id,
      placedAt: order.placedAt,
      credit: { amount: deal.properties.amount ?? "0.00", rule: largest?.rule ?? "", model, windowDays },
      contactId: deal.contactId,
    });
    // An order in a currency the portal lacks, where the merchant chose to skip those: no deal (the HubSpot page
    // says so), never a refusal parked.
    if (currencyPlan(order.currency, shop.deal) === "skip") return;
    const existing = await shop.crm.findDealsByOrderId([order.id]);
    // A deal HubSpot has follows the order's credit: a refund or re-attribution since lowers its amount.
    if (existing.length)
      return shop.crm.updateDeals(existing.map((found) => ({ dealId: found.dealId, properties: dealUpdateFor(deal) })));
    // No longer credited (refunded in full, or re-attributed) before it was ever sent: nothing to record.
    // Or HubSpot's order holds the credit now, and no deal was made before it was synced.
    if (amountMinor <= 0 || dealStep === "update") return;
    try {
      await shop.crm.createDeals(dealsToCreate([deal], existing));
    } catch (error) {
      // Created meanwhile by another run: the unique order id refused the second one.
      if (!(isCrmError(error) && error.kind === "conflict" && (await shop.crm.findDealsByOrderId([order.id])).length))
        throw error;
    }
  });
}
