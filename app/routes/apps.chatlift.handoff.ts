/**
 * POST /apps/chatlift/handoff: a shopper's handoff to a person, through Shopify's app proxy (the library
 * checks the proxy signature; a bad one is answered 400 before anything is read). One route for the five
 * operations (open, say, poll, leave, close: contract/handoff.ts), so the widget has one URL to know.
 * Every refusal is a 4xx naming its reason; another session's handoff is a 404 like a missing one.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { isbot } from "isbot";
import { authenticate } from "../shopify.server";
import { handoffRequestSchema, MAX_HANDOFF_BYTES } from "../../contract/handoff";
import { readBodyWithin } from "../platform/storefront/body.server";
import { problemsOf } from "../platform/validation/zod-errors";
import { cleanStrings } from "../platform/validation/clean-text";
import { runHandoff } from "../conversations/handoff.server";

export async function loader() {
  return Response.json({ error: "POST a handoff request here" }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return loader();
  const { session } = await authenticate.public.appProxy(request);
  const params = new URL(request.url).searchParams;
  if (!session) return notInstalled(params.get("shop"));
  if (isbot(request.headers.get("user-agent") ?? "")) {
    return Response.json({ error: "automated clients are not answered" }, { status: 403 });
  }

  const body = await readBodyWithin(request, MAX_HANDOFF_BYTES);
  if (body === null)
    return Response.json({ error: `a handoff request is at most ${MAX_HANDOFF_BYTES} bytes` }, { status: 413 });
  let json: unknown;
  try {
    json = cleanStrings(JSON.parse(body) as unknown);
  } catch {
    return Response.json({ error: "body is not JSON" }, { status: 400 });
  }
  const parsed = handoffRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = problemsOf(parsed.error).map(({ path, message }) => ({ field: path || "(request)", message }));
    return Response.json(
      {
        error: `invalid handoff request: ${issues.map((issue) => `${issue.field} (${issue.message})`).join(", ")}`,
        issues,
      },
      { status: 400 },
    );
  }

  const result = await runHandoff(session.shop, parsed.data, {
    now: Date.now(),
    loggedInCustomerId: params.get("logged_in_customer_id"),
  });
  switch (result.status) {
    case "ok":
      return Response.json(result.view);
    case "unknown_shop":
      return notInstalled(session.shop);
    case "not_found":
      return Response.json({ error: "no such handoff for this chat" }, { status: 404 });
    case "refused":
      return Response.json({ error: result.refusal }, { status: 409 });
    case "rate_limited":
      return Response.json(
        { error: `too many handoff requests from this chat; retry in ${result.retryAfterS} s` },
        { status: 429, headers: { "Retry-After": String(result.retryAfterS) } },
      );
  }
}

function notInstalled(shop: string | null) {
  return Response.json({ error: `ChatLift is not installed on ${shop}: nothing handed off` }, { status: 404 });
}
