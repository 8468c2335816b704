/**
 * POST /apps/chatlift/link-token (app proxy, signature checked): the widget asks for the token the
 * ChatLift pixel will present with the checkout; the token is signed for this shop and chat
 * session only. Unknown or uninstalled shops: 404, nothing issued.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { guardProxyPost, jsonBody, postOnly } from "../platform/storefront/proxy-post.server";
import { isInstalled } from "../platform/shops/installed-shops.server";
import { issuePixelToken } from "../analytics/export/pixel-link.server";

const tokenRequestSchema = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, _ or -"),
  visitorId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, _ or -"),
});

const POST_HERE = "POST a chat session here";
const MAX_TOKEN_REQUEST_BYTES = 1024;

export async function loader() {
  return postOnly(POST_HERE);
}

export async function action({ request }: ActionFunctionArgs) {
  const post = await guardProxyPost(request, {
    postHere: POST_HERE,
    authenticate: authenticate.public.appProxy,
    notInstalled: (shop) =>
      Response.json({ error: `${shop ?? "this shop"} has not installed ChatLift` }, { status: 404 }),
    installed: isInstalled,
    // The pixel's token is asked for once per chat; a crawler's costs nothing and was always served.
    bot: "served",
    maxBytes: MAX_TOKEN_REQUEST_BYTES,
    tooLarge: `a token request is at most ${MAX_TOKEN_REQUEST_BYTES} bytes`,
    parse: jsonBody(tokenRequestSchema, { what: "token request", whole: "(request)" }),
  });
  if (!post.ok) return post.response;
  return Response.json(issuePixelToken(post.shop, post.value));
}
