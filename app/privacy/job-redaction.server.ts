/**
 * customers/redact's pass over the job table. A job not yet done (queued, running, or parked for a
 * person to retry) keeps Shopify's webhook body, since processing reads it; a finished one keeps
 * only ids (platform/jobs/finished-payload.ts), unless it finished before that rule. Either way a
 * job naming the customer is rewritten without them (payload-redaction.ts says what goes and what
 * stays so a retry still works), and an error message quoting their email or phone loses it.
 * The HubSpot GDPR deletion this redaction queues is left alone: it names the contact by its HubSpot
 * id only (never the email), and it must keep that id until HubSpot confirms.
 */
import prisma, { Prisma } from "../db.server";
import { parseJsonLosslessly } from "../platform/jobs/lossless-json";
import { finishedPayload } from "../platform/jobs/finished-payload";
import { GDPR_JOB } from "../sync/outbox.server";
import type { CustomerSubject } from "./customer-subject";
import { concernsSubject, redactPersonalData, redactText, searchTermsOf } from "./payload-redaction";

interface CandidateJob {
  id: number | bigint;
  status: string;
  payload: string;
  lastError: string | null;
}

/** Rewrites the shop's jobs that name the subject; returns how many changed. */
export async function redactCustomerJobs(shopDomain: string, subject: CustomerSubject): Promise<number> {
  const terms = searchTermsOf(subject);
  if (!terms.length) return 0;
  // A cheap superset first (LIKE treats `_` in an email as any character); the JSON decides.
  const matches = Prisma.join(
    terms.flatMap((term) => [
      Prisma.sql`lower("payload") LIKE ${`%${term}%`}`,
      Prisma.sql`lower(coalesce("lastError", '')) LIKE ${`%${term}%`}`,
    ]),
    " OR ",
  );
  const candidates = await prisma.$queryRaw<CandidateJob[]>`
    SELECT "id", "status", "payload", "lastError" FROM "Job"
    WHERE "shopDomain" = ${shopDomain} AND "kind" <> ${GDPR_JOB} AND (${matches})`;
  let changed = 0;
  for (const job of candidates) {
    const payload = redactedPayload(job, subject);
    const lastError = job.lastError === null ? null : redactText(job.lastError, subject);
    if (payload === job.payload && lastError === job.lastError) continue;
    await prisma.job.updateMany({ where: { id: Number(job.id) }, data: { payload, lastError } });
    changed += 1;
  }
  return changed;
}

function redactedPayload(job: CandidateJob, subject: CustomerSubject): string {
  let parsed: unknown;
  try {
    parsed = parseJsonLosslessly(job.payload);
  } catch {
    return redactText(job.payload, subject);
  }
  if (!concernsSubject(parsed, subject)) return job.payload;
  const redacted = JSON.stringify(redactPersonalData(parsed, subject));
  // A job done before finished payloads were cut: nothing will read its body again.
  return job.status === "done" ? (finishedPayload(redacted) ?? redacted) : redacted;
}
