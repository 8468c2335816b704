import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin/ui/session.server";
import { conversationsCsvFor } from "../admin/conversations/load-conversations.server";

/** The conversations matching the page's filters, one row each, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const result = await conversationsCsvFor(shop, new URL(request.url).searchParams, Date.now());
  if (!result.ok)
    return new Response(result.errors.join("\n"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
