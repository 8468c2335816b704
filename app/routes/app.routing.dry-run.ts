/** POST {days}: what the active rules would do to the leads of the last N days. Sends and stores nothing. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { previewActiveRules } from "../routing/dry-run.server";

const requestSchema = z.strictObject({ days: z.number().int().min(1).max(90) });

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = requestSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return data({ errors: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) }, { status: 400 });
  const result = await previewActiveRules(shop, parsed.data.days);
  if (result.kind === "no_active_rules") return data({ errors: [{ path: "", message: "no rule set is active yet: activate one first" }] }, { status: 409 });
  return data({ ruleSetVersion: result.ruleSetVersion, report: result.report });
}
