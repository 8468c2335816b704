import type { LoaderFunctionArgs } from "@remix-run/node";
import { checkHealth } from "../platform/health/health.server";

/** GET /healthz — for load balancers and uptime checks; needs no Shopify credentials. */
export async function loader(_args: LoaderFunctionArgs) {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
