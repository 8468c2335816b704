/**
 * Before a page reads rollups: are they built for the shop's time zone, and current? A small
 * shop (a second's work) is brought up to date on the spot, so a new merchant never waits for
 * the job; a large one gets the job asked for, and the page says its numbers are being prepared.
 */
import prisma from "../../db.server";
import { refreshShopRollupsFully } from "./refresh.server";
import { ROLLUP_JOB, upsertRefreshJob } from "./refresh-requests.server";

/** Up to this many sessions a full build takes about a second. */
const INLINE_BUILD_SESSIONS = 10_000;

/** When the rollups were last brought up to date; null while they are not built for `timeZone`. */
export async function ensureRollups(shopDomain: string, timeZone: string, now: number): Promise<Date | null> {
  const [state, waiting] = await Promise.all([
    prisma.rollupState.findUnique({
      where: { shopDomain },
      select: { refreshedAt: true, timeZone: true, rebuildStartedAt: true },
    }),
    prisma.job.findFirst({ where: { kind: ROLLUP_JOB, dedupeKey: shopDomain }, select: { id: true } }),
  ]);
  const built = state !== null && state.timeZone === timeZone && state.rebuildStartedAt === null;
  if (built && !waiting) return state.refreshedAt;
  const large = await prisma.chatSession.findFirst({
    where: { shopDomain },
    skip: INLINE_BUILD_SESSIONS,
    select: { id: true },
  });
  if (!large) {
    await refreshShopRollupsFully(shopDomain, new Date(now));
    return (
      (await prisma.rollupState.findUnique({ where: { shopDomain }, select: { refreshedAt: true } }))?.refreshedAt ??
      null
    );
  }
  if (!waiting) await upsertRefreshJob(prisma, shopDomain, new Date(now), new Date(now));
  return built ? state.refreshedAt : null;
}
