/**
 * The frame of a HubSpot handler that works on one job (deal, event, GDPR delete): the shop's CRM
 * (or the job parked when the shop disconnected), the work, then done, or retried, paused or
 * parked per the retry policy when HubSpot fails.
 */
import prisma from "../db.server";
import { isCrmError } from "../integrations/hubspot/crm-port";
import type { JobContext } from "../platform/jobs/runner.server";
import { DEFAULT_RETRY } from "./retry-policy";
import { crmForShop, HubSpotNotConnectedError, type ShopCrm } from "./shop-crm.server";
import { markDone, park, settleFailure } from "./job-outcomes.server";

export async function runShopJob(
  shopDomain: string,
  context: JobContext,
  work: (shop: ShopCrm) => Promise<void>,
  options: { now?: Date; notConnected?: string } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const job = await prisma.job.findUnique({ where: { id: context.jobId }, select: { maxAttempts: true } });
  const held = {
    id: context.jobId,
    attempts: context.attempt,
    maxAttempts: job?.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
  };
  let shop: ShopCrm;
  try {
    shop = await crmForShop(shopDomain);
  } catch (error) {
    if (error instanceof HubSpotNotConnectedError)
      return park([held.id], `${error.message}${options.notConnected ?? ""}`, now);
    throw error;
  }
  try {
    await work(shop);
    await markDone([held.id], now);
  } catch (error) {
    if (!isCrmError(error)) throw error;
    await settleFailure([held], error, { shopDomain, timeZone: shop.timeZone }, now);
  }
}
