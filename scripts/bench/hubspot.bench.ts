/**
 * `npm run bench -- hubspot`: 40,000 consented leads, generated in memory, go through the sync
 * logic (consent filter, property mapping, coalescing, batches of 100) and the SDK adapter into
 * the HubSpot sandbox set to 110 requests per rolling 10 s. Real time, not a faked clock: the
 * 400 batch calls span several windows, so the pacing is what is measured.
 * Prints contacts_per_s, the ceiling for that limit (110 × 100 / 10 = 1,100/s), their ratio and
 * how many requests the sandbox answered 429 (goal: ratio ≥ 0.9, at most one 429 per window).
 */
import { CONTACT_PROPERTIES, PROPERTY_GROUP } from "../../app/integrations/hubspot/chatlift-properties";
import { createHubSpotCrm } from "../../app/integrations/hubspot/hubspot-adapter.server";
import { limiterSettingsFor } from "../../app/integrations/hubspot/rate-pacing";
import { splitByConsent } from "../../app/sync/consent";
import { contactUpdateFor } from "../../app/sync/contact-properties";
import { syncContacts } from "../../app/sync/contact-sync";
import type { LeadFacts } from "../../app/sync/lead-facts";
import { startHubSpotSandbox } from "../../sandbox/hubspot";
import { MICRO_CONVERSION_KINDS } from "../../app/capture/events";

const LEADS = Number(process.env.BENCH_LEADS ?? 40_000);
const TEN_SECOND_LIMIT = 110;
const WINDOW_MS = 10_000;
const BATCH = 100;

function lead(index: number, base: number): LeadFacts {
  const at = new Date(base - index * 1000);
  return {
    email: `shopper${index}@bench.example`,
    consent: { state: "granted", at },
    intentScore: index % 101,
    microConversions: { count: 1 + (index % 5), lastKind: MICRO_CONVERSION_KINDS[index % MICRO_CONVERSION_KINDS.length], lastAt: at },
    firstChatAt: at,
    lastChatAt: at,
    lastPage: `/products/item-${index % 500}`,
    productInterest: [`item-${index % 500}`],
    attributedRevenue: (index % 7) * 12.5,
    observedAt: at,
  };
}

const sandbox = await startHubSpotSandbox({ tenSecondLimit: TEN_SECOND_LIMIT, windowMs: WINDOW_MS, dailyLimit: 1_000_000 });
try {
  const crm = createHubSpotCrm({ accessToken: "pat-sandbox", basePath: sandbox.url, tenSecondLimit: TEN_SECOND_LIMIT, windowMs: WINDOW_MS });
  await crm.ensurePropertyGroup("contacts", PROPERTY_GROUP.name, PROPERTY_GROUP.label);
  await crm.ensureProperties("contacts", PROPERTY_GROUP.name, CONTACT_PROPERTIES);

  const base = Date.now();
  const { allowed } = splitByConsent(Array.from({ length: LEADS }, (_, index) => lead(index, base)), "opt_in");
  const updates = allowed.map(contactUpdateFor);
  const concurrency = limiterSettingsFor(TEN_SECOND_LIMIT, { windowMs: WINDOW_MS }).maxConcurrent;

  const started = performance.now();
  const result = await syncContacts(crm, updates, { concurrency, batchSize: BATCH });
  const seconds = (performance.now() - started) / 1000;

  const delivered = result.delivered.length;
  const inSandbox = sandbox.state.contacts.size;
  const contactsPerSecond = delivered / seconds;
  const ceiling = (TEN_SECOND_LIMIT * BATCH * 1000) / WINDOW_MS;
  const summary = {
    leads: LEADS,
    contacts_in_sandbox: inSandbox,
    batch_calls: sandbox.requestsTo("POST", "/crm/v3/objects/contacts/batch/upsert").length,
    seconds: Number(seconds.toFixed(2)),
    contacts_per_s: Number(contactsPerSecond.toFixed(1)),
    ceiling_per_s: ceiling,
    ratio: Number((contactsPerSecond / ceiling).toFixed(3)),
    http_429: sandbox.count429(),
    windows: Number((seconds / (WINDOW_MS / 1000)).toFixed(1)),
    rejected: result.rejected.length,
    deferred: result.deferred.reduce((sum, part) => sum + part.contacts.length, 0),
  };
  console.log(`synced ${delivered} contacts in ${summary.seconds} s at ${TEN_SECOND_LIMIT} requests / ${WINDOW_MS / 1000} s`);
  if (inSandbox !== LEADS || delivered !== LEADS) {
    console.error(`expected ${LEADS} contacts, sandbox holds ${inSandbox}, delivered ${delivered}`);
    process.exitCode = 1;
  }
  console.log(JSON.stringify(summary));
} finally {
  await sandbox.close();
}
