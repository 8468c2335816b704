/**
 * POST /apps/chatlift/events: the storefront widget's event batches, through Shopify's app proxy
 * (the library checks the proxy signature; a bad one is answered 400 before anything is read).
 * Every refusal is a 4xx naming its reason, so the widget knows not to retry it; 429 says when
 * it may. A crawler's batch is acknowledged (202) and dropped, so it does not retry. A stored batch's
 * answer carries `handoff: true` when the merchant's rules offer a person now (contract/events.ts BatchAnswer).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { MAX_BATCH_BYTES } from "../../contract/events";
import { parseBatchBody, tooLarge } from "../capture/batch-request";
import { guardProxyPost, postOnly, retryLater } from "../platform/storefront/proxy-post.server";
import { ingestOffering } from "../conversations/handoff-offers.server";
import type { BatchAnswer } from "../../contract/events";

const POST_HERE = "POST event batches here";

export async function loader() {
  return postOnly(POST_HERE);
}

export async function action({ request }: ActionFunctionArgs) {
  const post = await guardProxyPost(request, {
    postHere: POST_HERE,
    authenticate: authenticate.public.appProxy,
    notInstalled,
    bot: () => Response.json({ accepted: 0, duplicates: 0, dropped: "bot" }, { status: 202 }),
    maxBytes: MAX_BATCH_BYTES,
    tooLarge: tooLarge().error,
    parse: (body) => {
      const parsed = parseBatchBody(body);
      return parsed.ok ? { ok: true, value: parsed.batch } : parsed;
    },
  });
  if (!post.ok) return post.response;

  const result = await ingestOffering({
    shopDomain: post.shop,
    loggedInCustomerId: post.loggedInCustomerId,
    batch: post.value,
  });
  switch (result.status) {
    case "stored": {
      const answer: BatchAnswer = { accepted: result.accepted, duplicates: result.duplicates };
      if ("handoff" in result) answer.handoff = true;
      return Response.json(answer);
    }
    case "unknown_shop":
      return notInstalled(post.shop);
    case "rate_limited":
      return retryLater(
        `too many events from this ${result.scope}; retry in ${result.retryAfterS} s`,
        result.retryAfterS,
      );
  }
}

function notInstalled(shop: string | null) {
  return Response.json({ error: `ChatLift is not installed on ${shop}: nothing stored` }, { status: 404 });
}
