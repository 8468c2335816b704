/**
 * POST /apps/chatlift/link-token (app proxy, signature checked): the widget asks for the token the
 * ChatLift pixel will present with the checkout; the token is signed for this shop and chat
 * session only. Unknown or uninstalled shops: 404, nothing issued.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "../shopify.server";
import { readBodyWithin } from "../platform/storefront/body.server";
import { problemsOf } from "../platform/validation/zod-errors";
import { isInstalled } from "../platform/shops/installed-shops.server";
import { issuePixelToken } from "../analytics/export/pixel-link.server";

const tokenRequestSchema = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, _ or -"),
  visitorId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, _ or -"),
});

export async function loader() {
  return Response.json({ error: "POST a chat session here" }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return loader();
  const { session } = await authenticate.public.appProxy(request);
  const shop = new URL(request.url).searchParams.get("shop");
  if (!session || !(await isInstalled(session.shop)))
    return Response.json({ error: `${shop ?? "this shop"} has not installed ChatLift` }, { status: 404 });
  const body = await readBodyWithin(request, 1024);
  if (body === null) return Response.json({ error: "a token request is at most 1024 bytes" }, { status: 413 });
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    return Response.json({ error: "body is not JSON" }, { status: 400 });
  }
  const parsed = tokenRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = problemsOf(parsed.error).map(({ path, message }) => ({ field: path || "(request)", message }));
    return Response.json(
      { error: `invalid token request: ${issues.map((i) => i.field).join(", ")}`, issues },
      { status: 400 },
    );
  }
  return Response.json(issuePixelToken(session.shop, parsed.data));
}
