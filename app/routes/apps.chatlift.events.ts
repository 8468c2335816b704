/**
 * POST /apps/chatlift/events: the storefront widget's event batches, through Shopify's app proxy
 * (the library checks the proxy signature; a bad one is answered 400 before anything is read).
 * Every refusal is a 4xx naming its reason, so the widget knows not to retry it; 429 says when
 * it may.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { isbot } from "isbot";
import { authenticate } from "../shopify.server";
import { MAX_BATCH_BYTES } from "../../contract/events";
import { parseBatchBody, tooLarge } from "../capture/batch-request";
import { readBodyWithin } from "../platform/storefront/body.server";
import { ingestBatch } from "../capture/ingest.server";

export async function loader() {
  return Response.json({ error: "POST event batches here" }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return loader();
  const { session } = await authenticate.public.appProxy(request);
  const params = new URL(request.url).searchParams;
  if (!session) {
    return Response.json(
      { error: `ChatLift is not installed on ${params.get("shop")}: nothing stored` },
      { status: 404 },
    );
  }
  if (isbot(request.headers.get("user-agent") ?? "")) {
    return Response.json({ accepted: 0, duplicates: 0, dropped: "bot" }, { status: 202 });
  }

  const body = await readBodyWithin(request, MAX_BATCH_BYTES);
  const parsed = body === null ? tooLarge() : parseBatchBody(body);
  if (!parsed.ok) return Response.json({ error: parsed.error, issues: parsed.issues }, { status: parsed.status });

  const result = await ingestBatch({
    shopDomain: session.shop,
    loggedInCustomerId: params.get("logged_in_customer_id"),
    batch: parsed.batch,
  });
  switch (result.status) {
    case "stored":
      return Response.json({ accepted: result.accepted, duplicates: result.duplicates });
    case "unknown_shop":
      return Response.json({ error: `ChatLift is not installed on ${session.shop}: nothing stored` }, { status: 404 });
    case "rate_limited":
      return Response.json(
        { error: `too many events from this ${result.scope}; retry in ${result.retryAfterS} s` },
        { status: 429, headers: { "Retry-After": String(result.retryAfterS) } },
      );
  }
}
