import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { describeProblems } from "../platform/validation/zod-errors";
import { readConversation } from "../conversations/conversation-detail.server";
import { ConversationPage } from "../admin/conversations/ConversationPage";

const paramsSchema = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: "a chat session id: 8 to 64 letters, digits, _ or -" }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response(describeProblems(parsed.error, { paths: false }), { status: 400 });
  const conversation = await readConversation(shop, parsed.data.sessionId);
  // Another shop's conversation looks exactly like a missing one.
  if (!conversation) throw new Response("No such conversation in this shop", { status: 404 });
  return { conversation };
}

export default function Conversation() {
  const { conversation } = useLoaderData<typeof loader>();
  return <ConversationPage conversation={conversation} />;
}
