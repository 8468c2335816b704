import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { handleOAuthCallback } from "../sync/oauth-callback.server";

const callbackQuery = z.object({
  code: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

/** GET /hubspot/oauth/callback — HubSpot sends the merchant back here after consent. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = callbackQuery.parse(Object.fromEntries(url.searchParams));
  const appUrl = process.env.SHOPIFY_APP_URL || url.origin;
  const outcome = await handleOAuthCallback(query, appUrl);
  if (!outcome.ok) {
    return new Response(outcome.message, {
      status: outcome.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  // Back into the embedded app, inside the merchant's Shopify admin.
  const apiKey = process.env.SHOPIFY_API_KEY ?? "";
  return redirect(`https://${outcome.shopDomain}/admin/apps/${apiKey}`);
}
