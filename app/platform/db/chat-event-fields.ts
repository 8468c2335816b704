/**
 * Why: a conversation's transcript (app/conversations) and the analytics event log (app/analytics/export) read the
 * same columns of a stored chat event: everything but the shop and the ingest bookkeeping. One select for both,
 * so a column either starts to need reaches the other too.
 */
export const CHAT_EVENT_FIELDS = {
  id: true,
  sessionId: true,
  type: true,
  flowId: true,
  stepId: true,
  variantId: true,
  microKind: true,
  occurredAt: true,
  data: true,
} as const;
