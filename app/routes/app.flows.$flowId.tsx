import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { describeProblems } from "../platform/validation/zod-errors";
import { loadFlowEditor, publishFlow, rollbackFlow, saveDraft } from "../flows/flows.server";
import { idParam, readOrRefuse, refusalOf } from "../flows/refusals";
import { FlowEditorPage } from "../admin/flows/FlowEditorPage";
import type { FlowActionResult } from "../admin/flows/action-result";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const flowId = idParam(params, "flowId");
  return readOrRefuse(() => loadFlowEditor(shop, flowId));
}

const draftFields = {
  name: z.string().max(120, { error: "At most 120 characters" }),
  draft: z.string().max(200_000, { error: "The draft is too large" }),
};
const formSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), ...draftFields }),
  z.object({
    intent: z.literal("publish"),
    ...draftFields,
    note: z.string().max(200, { error: "At most 200 characters" }).default(""),
  }),
  z.object({ intent: z.literal("rollback"), version: z.coerce.number().int().min(1, { error: "Choose a version" }) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, graphql } = await requireAdmin(request);
  const flowId = idParam(params, "flowId");
  const parsed = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data<FlowActionResult>(
      { kind: "refused", message: describeProblems(parsed.error, { paths: false }) },
      { status: 400 },
    );
  const form = parsed.data;
  try {
    if (form.intent === "rollback") {
      const publication = await rollbackFlow(graphql, shop, flowId, form.version);
      return data<FlowActionResult>({ kind: "rolled_back", version: publication.version });
    }
    if (form.intent === "save") {
      const saved = await saveDraft(shop, flowId, form);
      if (!saved.ok)
        return data<FlowActionResult>(
          { kind: "invalid", errors: saved.errors, fieldErrors: saved.fieldErrors },
          { status: 422 },
        );
      return data<FlowActionResult>({ kind: "saved", version: null });
    }
    const { saved, publication } = await publishFlow(graphql, shop, flowId, form);
    if (!saved.ok)
      return data<FlowActionResult>(
        { kind: "invalid", errors: saved.errors, fieldErrors: saved.fieldErrors },
        { status: 422 },
      );
    return data<FlowActionResult>({ kind: "published", version: publication?.version ?? null });
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    if (refusal.status === 404) throw new Response(refusal.message, { status: 404 });
    return data<FlowActionResult>({ kind: "refused", message: refusal.message }, { status: refusal.status });
  }
}

export default function FlowEditorRoute() {
  const { flow, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FlowActionResult | undefined;
  return (
    <>
      <TitleBar title={flow.name} />
      <FlowEditorPage flow={flow} preview={preview} result={result} />
    </>
  );
}
