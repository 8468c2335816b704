/**
 * GET /app/analytics-export/events?from=&to=&format=csv|ndjson: the shop's chat event log of a date range,
 * streamed as it is read (never built whole), under the export specification's names and properties.
 * A bad range or format is refused with 400 and its reasons as text, which the page shows.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin/ui/session.server";
import { csvResponse } from "../admin/ui/csv-response";
import { exportEventLog } from "../analytics/export/event-log.server";

const TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const result = await exportEventLog(shop, new URL(request.url).searchParams, Date.now());
  if (!result.ok) return csvResponse(result);
  return new Response(result.stream, {
    headers: {
      "Content-Type": TYPES[result.format],
      "Content-Disposition": `attachment; filename="${result.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
