import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../webhooks.server";
import { redactCustomer } from "../privacy/compliance.server";
import { parseCustomersRedactBody } from "../privacy/customer-subject";

export async function action({ request }: ActionFunctionArgs) {
  const received = await receiveWebhook(request);
  if (!received.ok) return received.response;
  const { shop, topic } = received.webhook;
  // From the raw text, not the library's JSON.parse: a 19-digit customer id must stay exact.
  const parsed = parseCustomersRedactBody(received.rawBody);
  if (!parsed.ok) {
    return Response.json(
      { error: "customers/redact payload has no customer", issues: parsed.problems },
      { status: 422 },
    );
  }
  // Idempotent: a retry finds nothing left of the customer and still succeeds.
  const report = await redactCustomer(shop, parsed.subject);
  console.info(
    `[webhook] ${topic} for ${shop}: deleted ${JSON.stringify(report.deleted)}, anonymized ${JSON.stringify(report.anonymized)}`,
  );
  return new Response(null, { status: 200 });
}
