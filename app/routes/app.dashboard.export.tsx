import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin/ui/session.server";
import { csvResponse } from "../admin/ui/csv-response";
import { exportDashboardCsv } from "../admin/dashboard/dashboard.server";

/** The dashboard's daily series as CSV, for the same selection as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return csvResponse(await exportDashboardCsv(shop, new URL(request.url).searchParams, Date.now()));
}
