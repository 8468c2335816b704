import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { describeProblems } from "../platform/validation/zod-errors";
import { loadConversation } from "../admin/conversations/load-conversations.server";
import { handoffAdminAction } from "../admin/conversations/handoff-admin.server";
import { ConversationPage } from "../admin/conversations/ConversationPage";

const paramsSchema = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: "a chat session id: 8 to 64 letters, digits, _ or -" }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response(describeProblems(parsed.error, { paths: false }), { status: 400 });
  const page = await loadConversation(shop, parsed.data.sessionId);
  // Another shop's conversation looks exactly like a missing one.
  if (!page) throw new Response("No such conversation in this shop", { status: 404 });
  return page;
}

/** The staff's reply to the shopper waiting in this conversation, or its close. */
export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const result = await handoffAdminAction(shop, await request.formData(), ["reply", "close"], Date.now());
  return Response.json(result, { status: result.ok ? 200 : result.status });
}

export default function Conversation() {
  const { conversation, handoff } = useLoaderData<typeof loader>();
  return <ConversationPage conversation={conversation} handoff={handoff} />;
}
