import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin/ui/session.server";
import { exportDashboardCsv } from "../admin/dashboard/dashboard.server";

/** The dashboard's daily series as CSV, for the same selection as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const result = await exportDashboardCsv(shop, new URL(request.url).searchParams, Date.now());
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
