/**
 * GA4's Measurement Protocol over fetch (there is no server SDK). The collect endpoint answers 2xx
 * even to payloads it drops, so `collect` refuses to send what the published rules refuse, and
 * `validate` asks the validation server (/debug/mp/collect) — what Settings' "Send a test event" uses.
 */
import { validateGa4Payload, type Ga4Payload, type Ga4ValidationMessage } from "./measurement-protocol";

export interface Ga4Credentials {
  measurementId: string;
  apiSecret: string;
  /** https://www.google-analytics.com, or the EU endpoint, or a local stand-in. */
  baseUrl: string;
}

/** A failure worth retrying later (network, 5xx, 429): nothing was taken. */
export class Ga4Unavailable extends Error {
  override name = "Ga4Unavailable";
}
/** GA4 would drop this payload: sending it again changes nothing. */
export class Ga4Rejected extends Error {
  override name = "Ga4Rejected";
  constructor(readonly messages: Ga4ValidationMessage[]) {
    super(messages.map((message) => `${message.fieldPath}: ${message.description}`).join("; "));
  }
}

const TIMEOUT_MS = 10_000;

function endpoint(credentials: Ga4Credentials, path: string): string {
  const url = new URL(path, credentials.baseUrl);
  url.searchParams.set("measurement_id", credentials.measurementId);
  url.searchParams.set("api_secret", credentials.apiSecret);
  return url.toString();
}

async function post(url: string, payload: Ga4Payload): Promise<Response> {
  try {
    return await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new Ga4Unavailable(`GA4 did not answer: ${(error as Error).message}`);
  }
}

export async function ga4Collect(credentials: Ga4Credentials, payload: Ga4Payload, nowMs = Date.now()): Promise<void> {
  const problems = validateGa4Payload(payload, nowMs);
  if (problems.length) throw new Ga4Rejected(problems);
  const response = await post(endpoint(credentials, "/mp/collect"), payload);
  if (response.status >= 200 && response.status < 300) return;
  const text = (await response.text()).slice(0, 300);
  throw new Ga4Unavailable(`GA4 answered ${response.status}${text ? `: ${text}` : ""}`);
}

export async function ga4Validate(credentials: Ga4Credentials, payload: Ga4Payload): Promise<Ga4ValidationMessage[]> {
  const response = await post(endpoint(credentials, "/debug/mp/collect"), payload);
  if (!response.ok) throw new Ga4Unavailable(`GA4's validation server answered ${response.status}`);
  const body = (await response.json()) as { validationMessages?: Ga4ValidationMessage[] };
  return body.validationMessages ?? [];
}
