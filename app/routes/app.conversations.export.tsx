import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin/ui/session.server";
import { csvResponse } from "../admin/ui/csv-response";
import { conversationsCsvFor } from "../admin/conversations/load-conversations.server";

/** The conversations matching the page's filters, one row each, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return csvResponse(await conversationsCsvFor(shop, new URL(request.url).searchParams, Date.now()));
}
