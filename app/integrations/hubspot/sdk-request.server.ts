/**
 * Why: SDK 14's typed clients know only HubSpot's numbered paths, and ChatLift calls the date-based
 * ones (api-versions.ts). `client.apiRequest` reaches any path, but as shipped it (1) applies the
 * limiter and retries of whichever client was built last in the process (the SDK keeps them in a
 * process-wide singleton), another portal's pace; (2) never retries, because it answers 4xx/5xx as
 * a response instead of throwing; (3) sends through global fetch, ignoring `httpAgent` (no timeout).
 * So requests are built from the same SDK pieces apiRequest uses (its Request: URL, bearer auth,
 * headers; its buffered transport, which honours the agent, as the typed clients do), a refused
 * answer is thrown the way the typed clients throw it ({ code, body, headers }), and the call is
 * wrapped in THIS client's own limiter and retry decorators (the ones it hands the singleton).
 */
import type http from "node:http";
import { Client } from "@hubspot/api-client";
import type IDecorator from "@hubspot/api-client/lib/src/services/decorators/IDecorator";
import { Request } from "@hubspot/api-client/lib/src/services/http/Request";
import { sendBufferedRequest } from "@hubspot/api-client/lib/src/services/http/Transport";

export type HubSpotMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
export type HubSpotAnswer = { status: number; json: unknown };
export type HubSpotCall = {
  method: HubSpotMethod;
  path: string;
  body?: unknown;
  query?: Record<string, string>;
  /** An OAuth form body (application/x-www-form-urlencoded) instead of JSON. */
  form?: URLSearchParams;
};

/** The SDK's error shape for a refused answer: what its retry decorator and toCrmError read. */
export class HubSpotHttpError extends Error {
  constructor(
    readonly code: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {
    super(`HubSpot answered ${code}`);
  }
}

const decoratorsOf = new WeakMap<object, IDecorator[]>();

/** A Client whose limiter and retry decorators are built once and reachable (the SDK keeps them protected). */
export class PacedClient extends Client {
  protected override getDecorators(): IDecorator[] {
    // Called by the SDK's constructor (init) before any field of this class exists: hence the WeakMap.
    const own = decoratorsOf.get(this) ?? super.getDecorators();
    decoratorsOf.set(this, own);
    return own;
  }

  /** `send` wrapped in this client's limiter, then its retries (the order the SDK applies them in). */
  paced<Args extends unknown[], Result>(send: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
    return this.getDecorators().reduce(
      (method, decorator) => decorator.decorate(method) as (...args: Args) => Promise<Result>,
      send,
    );
  }
}

/** One HTTP exchange through the SDK's Request and transport; a 4xx/5xx answer is thrown as HubSpotHttpError. */
export async function sendOnce(
  config: Client["config"],
  agent: http.Agent | undefined,
  call: HubSpotCall,
): Promise<HubSpotAnswer> {
  const request = new Request(config, {
    method: call.method,
    path: call.path,
    qs: call.query,
    ...(call.form
      ? {
          body: call.form.toString(),
          defaultJson: false,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }
      : { body: call.body }),
  });
  const response = await sendBufferedRequest(request.getUrl(), { ...request.getSendData(), agent });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  if (response.status >= 400) throw new HubSpotHttpError(response.status, json, response.headers);
  return { status: response.status, json };
}
