/**
 * Why: each shop chooses where its chat events go (GA4, Mixpanel) and with which keys. The keys are
 * stored only as ciphertext under ENCRYPTION_KEY and decrypted only to send; saving a destination
 * (re)starts its export job, and the health line counts what was delivered, what waits, what the
 * platform refused and what was withheld for want of consent.
 */
import prisma from "../../db.server";
import { enqueueJob } from "../../platform/jobs/queue.server";
import { decryptToken, encryptToken, parseEncryptionKey } from "../../platform/secrets/token-crypto.server";
import { DESTINATION_KINDS, EXPORT_JOB, exportJobKey, type DestinationKind } from "./destination";
import { afterCursor } from "./cursor.server";

export { DESTINATION_KINDS, type DestinationKind };

const encryptionKey = () => parseEncryptionKey(process.env.ENCRYPTION_KEY);

export const DEFAULT_BASE_URLS: Record<DestinationKind, string> = {
  ga4: "https://www.google-analytics.com",
  mixpanel: "https://api.mixpanel.com",
};

export interface DestinationInput {
  enabled: boolean;
  /** GA4 only. */
  measurementId?: string;
  /** GA4's API secret or Mixpanel's project token; null keeps the saved one. */
  secret: string | null;
  baseUrl?: string;
}

export interface Destination {
  shopDomain: string;
  kind: DestinationKind;
  enabled: boolean;
  measurementId: string | null;
  secret: string;
  baseUrl: string;
}

export async function saveDestination(
  shopDomain: string,
  kind: DestinationKind,
  input: DestinationInput,
  now = new Date(),
): Promise<void> {
  const secretEncrypted = input.secret ? encryptToken(input.secret, encryptionKey()) : undefined;
  const existing = await prisma.analyticsDestination.findUnique({ where: { shopDomain_kind: { shopDomain, kind } } });
  if (!existing && !secretEncrypted)
    throw new Error(`${kind}: a ${kind === "ga4" ? "API secret" : "project token"} is needed`);
  const fields = {
    enabled: input.enabled,
    measurementId: kind === "ga4" ? (input.measurementId ?? existing?.measurementId ?? null) : null,
    baseUrl: input.baseUrl ?? existing?.baseUrl ?? DEFAULT_BASE_URLS[kind],
    ...(secretEncrypted ? { secretEncrypted } : {}),
  };
  await prisma.$transaction(async (tx) => {
    if (existing)
      await tx.analyticsDestination.update({
        where: { shopDomain_kind: { shopDomain, kind } },
        data: { ...fields, lastError: null },
      });
    else
      await tx.analyticsDestination.create({
        data: { shopDomain, kind, secretEncrypted: secretEncrypted ?? "", ...fields },
      });
    // A job parked on the old credentials is done with: the saved ones get a fresh job.
    await tx.job.updateMany({
      where: { kind: EXPORT_JOB, shopDomain, status: "parked", payload: JSON.stringify({ shopDomain, kind }) },
      data: { status: "done", finishedAt: now },
    });
    if (input.enabled)
      await enqueueJob(
        tx,
        { kind: EXPORT_JOB, dedupeKey: exportJobKey(shopDomain, kind), payload: { shopDomain, kind } },
        now,
      );
  });
}

/** The destination with its secret decrypted, or null when none is saved. */
export async function readDestination(shopDomain: string, kind: DestinationKind): Promise<Destination | null> {
  const row = await prisma.analyticsDestination.findUnique({ where: { shopDomain_kind: { shopDomain, kind } } });
  if (!row) return null;
  return {
    shopDomain,
    kind,
    enabled: row.enabled,
    measurementId: row.measurementId,
    secret: decryptToken(row.secretEncrypted, encryptionKey()),
    baseUrl: row.baseUrl,
  };
}

export interface DestinationHealth {
  kind: DestinationKind;
  enabled: boolean;
  /** GA4's measurement id (not secret); never the secret itself. */
  measurementId: string | null;
  delivered: number;
  /** Events after the export's cursor: sent within the next runs (consent decides which). */
  pending: number;
  rejected: number;
  withheld: number;
  lastError: string | null;
  lastDeliveredAt: Date | null;
  /** The export job is parked (the platform refused the credentials): fix them and save. */
  parked: boolean;
}

export async function destinationHealth(shopDomain: string, now = new Date()): Promise<DestinationHealth[]> {
  const rows = await prisma.analyticsDestination.findMany({ where: { shopDomain } });
  return Promise.all(
    rows.map(async (row) => {
      const handled = row.pageDelivered ? (JSON.parse(row.pageDelivered) as string[]).length : 0;
      const [after, parked] = await Promise.all([
        prisma.chatEvent.count({ where: { shopDomain, ...afterCursor(row, now) } }),
        // A claimed job gives up its dedupe key, so the parked one is found by its payload.
        prisma.job
          .findMany({ where: { kind: EXPORT_JOB, shopDomain, status: "parked" }, select: { payload: true } })
          .then(
            (jobs) => jobs.filter((job) => (JSON.parse(job.payload) as { kind?: string }).kind === row.kind).length,
          ),
      ]);
      return {
        kind: row.kind as DestinationKind,
        enabled: row.enabled,
        measurementId: row.measurementId,
        delivered: row.delivered,
        pending: Math.max(0, after - handled),
        rejected: row.rejected,
        withheld: row.withheld,
        lastError: row.lastError,
        lastDeliveredAt: row.lastDeliveredAt,
        parked: parked > 0,
      };
    }),
  );
}
