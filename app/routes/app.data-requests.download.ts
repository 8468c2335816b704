import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { exportDataRequest } from "../privacy/data-request.server";
import { problemsOf } from "../platform/validation/zod-errors";

const query = z.object({ id: z.string().min(1).max(64) });

/** A customer's data package (customers/data_request) as one JSON file; downloading it marks the request exported. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success)
    return Response.json({ error: "which data request?", issues: problemsOf(parsed.error) }, { status: 400 });
  const exported = await exportDataRequest(shop, parsed.data.id);
  if (!exported) return Response.json({ error: "no such data request for this shop" }, { status: 404 });
  return new Response(JSON.stringify(exported.dataPackage, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exported.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
