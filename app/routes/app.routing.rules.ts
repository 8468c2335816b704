/**
 * The routing rules API of the admin: GET lists the saved versions and the active rules; POST
 * saves a new version (naming the version it was edited from) or activates one, both answered with
 * a warning per rule that names an owner, pipeline or stage HubSpot does not have.
 *
 * A resource route answers with a Response: under single fetch Remix serialises anything else,
 * `data(body, {status})` included, as a 200 (the refusals below once reached callers as 200s).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { problemsOf } from "../platform/validation/zod-errors";
import { getActiveRuleSet, listRuleSets } from "../routing/rule-sets.server";
import { activateCheckedRuleSet, saveCheckedRuleSet } from "../admin/routing/rules-api.server";

const requestSchema = z.discriminatedUnion("intent", [
  /** `ruleSet` is checked by the routing stage itself, so every error comes back with its path. */
  z.strictObject({ intent: z.literal("save"), baseVersion: z.number().int().min(0), ruleSet: z.unknown() }),
  z.strictObject({ intent: z.literal("activate"), version: z.number().int().min(1) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const [versions, active] = await Promise.all([listRuleSets(shop), getActiveRuleSet(shop)]);
  return Response.json({ versions, active });
}

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = requestSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return Response.json({ errors: problemsOf(parsed.error) }, { status: 400 });
  if (parsed.data.intent === "activate") {
    const activated = await activateCheckedRuleSet(shop, parsed.data.version);
    return activated
      ? Response.json({
          activeVersion: parsed.data.version,
          warnings: activated.warnings,
          notChecked: activated.notChecked,
        })
      : Response.json(
          { errors: [{ path: "version", message: `there is no version ${parsed.data.version}` }] },
          { status: 404 },
        );
  }
  const saved = await saveCheckedRuleSet(shop, parsed.data.ruleSet, parsed.data.baseVersion);
  if (saved.kind === "invalid") return Response.json({ errors: saved.errors }, { status: 422 });
  if (saved.kind === "conflict") {
    const message = `version ${saved.latestVersion} was saved since you loaded version ${parsed.data.baseVersion}: reload before saving`;
    return Response.json(
      { errors: [{ path: "baseVersion", message }], latestVersion: saved.latestVersion },
      { status: 409 },
    );
  }
  // Saved, but a rule naming an owner, pipeline or stage HubSpot does not have is said so now, before it is live.
  return Response.json({ version: saved.version, warnings: saved.warnings, notChecked: saved.notChecked });
}
