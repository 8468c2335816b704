-- One kind of event over a date range, newest first (the dashboard's questions, the knowledge gaps, the
-- Conversations flow filter) walked every event of the range on (shopDomain, occurredAt).

-- CreateIndex
CREATE INDEX "ChatEvent_shopDomain_type_occurredAt_idx" ON "ChatEvent"("shopDomain", "type", "occurredAt");
