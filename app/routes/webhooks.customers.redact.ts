import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { receiveWebhook } from "../webhooks.server";
import { redactCustomer } from "../privacy/compliance.server";
import { problemsOf } from "../platform/validation/zod-errors";

const customersRedactPayload = z.object({
  customer: z.object({
    id: z.union([z.number(), z.string()]).nullish(),
    email: z.string().nullish(),
  }),
});

export async function action({ request }: ActionFunctionArgs) {
  const received = await receiveWebhook(request);
  if (!received.ok) return received.response;
  const { shop, topic, payload } = received.webhook;
  const parsed = customersRedactPayload.safeParse(payload);
  if (!parsed.success) {
    return Response.json(
      { error: "customers/redact payload has no customer", issues: problemsOf(parsed.error) },
      { status: 422 },
    );
  }
  const report = await redactCustomer(shop, parsed.data.customer);
  console.info(`[webhook] ${topic} for ${shop}: deleted ${JSON.stringify(report.deleted)}`);
  return new Response(null, { status: 200 });
}
