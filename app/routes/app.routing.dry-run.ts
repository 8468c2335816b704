/**
 * POST {days}: what the active rules would do to the leads of the last N days. Sends and stores nothing.
 * Answers with a Response, as a resource route must for its status to reach the caller (see app.routing.rules.ts).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { problemsOf } from "../platform/validation/zod-errors";
import { previewRules } from "../admin/routing/dry-run.server";

const requestSchema = z.strictObject({ days: z.number().int().min(1).max(90) });

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = requestSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return Response.json({ errors: problemsOf(parsed.error) }, { status: 400 });
  const result = await previewRules(shop, "active", parsed.data.days);
  if (result.kind !== "report")
    return Response.json(
      { errors: [{ path: "", message: "no rule set is active yet: activate one first" }] },
      { status: 409 },
    );
  return Response.json({ ruleSetVersion: result.version, report: result.report });
}
