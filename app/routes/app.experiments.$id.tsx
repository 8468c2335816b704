import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { describeProblems } from "../platform/validation/zod-errors";
import { startExperiment, stopExperiment } from "../flows/experiments/experiments.server";
import { declareBackedWinner } from "../admin/experiments/declare.server";
import { loadExperimentPage } from "../admin/experiments/experiment-page.server";
import { idParam, readOrRefuse, refusalOf } from "../flows/refusals";
import { ExperimentPage } from "../admin/experiments/ExperimentResults";
import type { ExperimentActionResult } from "../admin/experiments/action-result";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const id = idParam(params, "id");
  return readOrRefuse(() => loadExperimentPage(shop, id));
}

const formSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("stop") }),
  z.object({
    intent: z.literal("declare_winner"),
    variantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "Choose a variant" }),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { shop, graphql } = await requireAdmin(request);
  const id = idParam(params, "id");
  const parsed = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data<ExperimentActionResult>(
      { ok: false, message: describeProblems(parsed.error, { paths: false }) },
      { status: 400 },
    );
  const form = parsed.data;
  try {
    if (form.intent === "start") await startExperiment(graphql, shop, id);
    else if (form.intent === "stop") await stopExperiment(graphql, shop, id);
    else await declareBackedWinner(graphql, shop, id, form.variantId);
    return data<ExperimentActionResult>({ ok: true, done: form.intent });
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    if (refusal.status === 404) throw new Response(refusal.message, { status: 404 });
    return data<ExperimentActionResult>({ ok: false, message: refusal.message }, { status: refusal.status });
  }
}

export default function ExperimentRoute() {
  const results = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>() as ExperimentActionResult | undefined;
  return (
    <>
      <TitleBar title={results.experiment.name} />
      <ExperimentPage results={results} outcome={outcome} />
    </>
  );
}
