/**
 * What the settings, onboarding and storefront-appearance tests share: a shop that publishes its
 * first flow the way a merchant does (template, then publish in the editor), through the real
 * routes and the app's real `admin.graphql` to the Admin API stand-in.
 */
import { action as listAction } from "../../../app/routes/app.flows._index";
import { action as editAction, loader as editLoader } from "../../../app/routes/app.flows.$flowId";
import { documentRequest, formPost } from "../http/signed-requests";
import { routeArgs } from "../http/responses";
import { unwrap } from "../http/responses";

const FLOW_OF_TEMPLATE = { fit_help: "fit-help", coupon_offer: "cart-coupon" } as const;

export async function publishFirstFlow(
  store: string,
  template: keyof typeof FLOW_OF_TEMPLATE = "fit_help",
): Promise<string> {
  const flowId = FLOW_OF_TEMPLATE[template];
  await listAction(routeArgs(await formPost(store, "/app/flows", { intent: "create", template })));
  const { flow } = await editLoader(routeArgs(await documentRequest(store, `/app/flows/${flowId}`), { flowId }));
  const fields = { intent: "publish", name: flow.name, draft: JSON.stringify(flow.draft), note: "first" };
  const result = unwrap(await editAction(routeArgs(await formPost(store, `/app/flows/${flowId}`, fields), { flowId })));
  if (result.status !== 200)
    throw new Error(`publishing ${flowId} answered ${result.status}: ${JSON.stringify(result.body)}`);
  return flowId;
}
