/**
 * Mixpanel's /import over fetch (its Node library has no strict mode). Authenticated with the
 * project token as the basic-auth user and an empty password; always strict=1, so a refused record
 * comes back by index and insert_id instead of vanishing.
 */
import type { MixpanelEvent, MixpanelFailedRecord, MixpanelImportAnswer } from "./import-api";

export interface MixpanelCredentials {
  projectToken: string;
  /** https://api.mixpanel.com, https://api-eu.mixpanel.com, https://api-in.mixpanel.com, or a local stand-in. */
  baseUrl: string;
}

/** Retry later (network, 5xx, 429): Mixpanel deduplicates by $insert_id, so re-sending is safe. */
export class MixpanelUnavailable extends Error {
  override name = "MixpanelUnavailable";
}
/** Retrying will not help until the merchant acts (401: the token; 413: a batch too large). */
export class MixpanelRefused extends Error {
  override name = "MixpanelRefused";
}

export interface MixpanelImportResult {
  imported: number;
  failed: MixpanelFailedRecord[];
}

const TIMEOUT_MS = 20_000;

export async function mixpanelImport(
  credentials: MixpanelCredentials,
  events: MixpanelEvent[],
): Promise<MixpanelImportResult> {
  const url = new URL("/import", credentials.baseUrl);
  url.searchParams.set("strict", "1");
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Basic ${Buffer.from(`${credentials.projectToken}:`).toString("base64")}`,
      },
      body: JSON.stringify(events),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new MixpanelUnavailable(`Mixpanel did not answer: ${(error as Error).message}`);
  }
  let body: MixpanelImportAnswer | null = null;
  try {
    body = (await response.json()) as MixpanelImportAnswer;
  } catch {
    body = null;
  }
  if (response.status === 200 || (response.status === 400 && body?.failed_records)) {
    return { imported: body?.num_records_imported ?? 0, failed: body?.failed_records ?? [] };
  }
  const said = body?.error ? `: ${body.error}` : "";
  if (response.status === 429 || response.status >= 500)
    throw new MixpanelUnavailable(`Mixpanel answered ${response.status}${said}`);
  throw new MixpanelRefused(`Mixpanel answered ${response.status}${said}`);
}
