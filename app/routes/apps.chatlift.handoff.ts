/**
 * POST /apps/chatlift/handoff: a shopper's handoff to a person, through Shopify's app proxy (the library
 * checks the proxy signature; a bad one is answered 400 before anything is read). One route for the five
 * operations (open, say, poll, leave, close: contract/handoff.ts), so the widget has one URL to know.
 * Every refusal is a 4xx naming its reason; another session's handoff is a 404 like a missing one.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { handoffRequestSchema, MAX_HANDOFF_BYTES } from "../../contract/handoff";
import { guardProxyPost, jsonBody, postOnly, retryLater } from "../platform/storefront/proxy-post.server";
import { runHandoff } from "../conversations/handoff.server";

const POST_HERE = "POST a handoff request here";

export async function loader() {
  return postOnly(POST_HERE);
}

export async function action({ request }: ActionFunctionArgs) {
  const post = await guardProxyPost(request, {
    postHere: POST_HERE,
    authenticate: authenticate.public.appProxy,
    notInstalled,
    maxBytes: MAX_HANDOFF_BYTES,
    tooLarge: `a handoff request is at most ${MAX_HANDOFF_BYTES} bytes`,
    parse: jsonBody(handoffRequestSchema, { what: "handoff request", whole: "(request)", withMessages: true }),
  });
  if (!post.ok) return post.response;

  const result = await runHandoff(post.shop, post.value, {
    now: Date.now(),
    loggedInCustomerId: post.loggedInCustomerId,
  });
  switch (result.status) {
    case "ok":
      return Response.json(result.view);
    case "unknown_shop":
      return notInstalled(post.shop);
    case "not_found":
      return Response.json({ error: "no such handoff for this chat" }, { status: 404 });
    case "refused":
      return Response.json({ error: result.refusal }, { status: 409 });
    case "rate_limited":
      return retryLater(
        `too many handoff requests from this chat; retry in ${result.retryAfterS} s`,
        result.retryAfterS,
      );
  }
}

function notInstalled(shop: string | null) {
  return Response.json({ error: `ChatLift is not installed on ${shop}: nothing handed off` }, { status: 404 });
}
