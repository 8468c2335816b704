-- The analytics export reads events in the order the app received them (receivedAt, sessionId, id)
-- instead of when they occurred: an event that arrived late landed behind the occurredAt cursor and
-- was never exported (app/analytics/export/cursor.server.ts).

-- CreateIndex
CREATE INDEX "ChatEvent_shopDomain_receivedAt_sessionId_id_idx" ON "ChatEvent"("shopDomain", "receivedAt", "sessionId", "id");

-- AlterTable
ALTER TABLE "AnalyticsDestination" ADD COLUMN     "cursorReceivedAt" TIMESTAMP(3);

-- Data step: each destination's occurredAt cursor moved to the receivedAt order, losing nothing and
-- sending nothing twice. The new cursor stands just before the earliest-received event the old
-- cursor had not passed (or the shop's latest event when it had passed them all); the events after
-- the new cursor the old one had passed (received after a later-occurring event: a few seconds'
-- worth) join the ids after the cursor already handled, which the export skips.
UPDATE "AnalyticsDestination" AS d SET "cursorReceivedAt" = COALESCE(
    (
      SELECT MIN(e."receivedAt") FROM "ChatEvent" e
      WHERE e."shopDomain" = d."shopDomain"
        AND (e."occurredAt", e."sessionId", e."id") > (
          d."cursorOccurredAt", COALESCE(d."cursorSessionId", ''), COALESCE(d."cursorEventId", '')
        )
    ),
    (SELECT MAX(e."receivedAt") FROM "ChatEvent" e WHERE e."shopDomain" = d."shopDomain")
  )
WHERE d."cursorOccurredAt" IS NOT NULL;

UPDATE "AnalyticsDestination" AS d SET
  "cursorSessionId" = '',
  "cursorEventId" = '',
  "pageDelivered" = (
    SELECT NULLIF(COALESCE(json_agg(handled."id")::text, '[]'), '[]') FROM (
      SELECT json_array_elements_text(COALESCE(d."pageDelivered", '[]')::json) AS "id"
      UNION
      SELECT e."id" FROM "ChatEvent" e
      WHERE e."shopDomain" = d."shopDomain"
        AND e."receivedAt" >= d."cursorReceivedAt"
        AND (e."occurredAt", e."sessionId", e."id") <= (
          d."cursorOccurredAt", COALESCE(d."cursorSessionId", ''), COALESCE(d."cursorEventId", '')
        )
    ) handled
  )
WHERE d."cursorReceivedAt" IS NOT NULL;
-- End of the data step.

-- AlterTable
ALTER TABLE "AnalyticsDestination" DROP COLUMN "cursorOccurredAt";
