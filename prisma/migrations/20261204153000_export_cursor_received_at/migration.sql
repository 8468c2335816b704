-- The analytics export reads events in the order the app received them (receivedAt, sessionId, id)
-- instead of when they occurred: an event that arrived late landed behind the occurredAt cursor and
-- was never exported (app/analytics/export/cursor.server.ts).

-- CreateIndex
CREATE INDEX "ChatEvent_shopDomain_receivedAt_sessionId_id_idx" ON "ChatEvent"("shopDomain", "receivedAt", "sessionId", "id");

-- AlterTable
ALTER TABLE "AnalyticsDestination" ADD COLUMN "cursorReceivedAt" DATETIME;

-- Data step: each destination's occurredAt cursor moved to the receivedAt order, losing nothing and
-- sending nothing twice. The new cursor stands just before the earliest-received event the old
-- cursor had not passed (or the shop's latest event when it had passed them all); the events after
-- the new cursor the old one had passed (received after a later-occurring event: a few seconds'
-- worth) join the ids after the cursor already handled, which the export skips.
UPDATE "AnalyticsDestination" SET "cursorReceivedAt" = COALESCE(
    (
      SELECT MIN(e."receivedAt") FROM "ChatEvent" e
      WHERE e."shopDomain" = "AnalyticsDestination"."shopDomain"
        AND (e."occurredAt", e."sessionId", e."id") > (
          "AnalyticsDestination"."cursorOccurredAt",
          COALESCE("AnalyticsDestination"."cursorSessionId", ''),
          COALESCE("AnalyticsDestination"."cursorEventId", '')
        )
    ),
    (SELECT MAX(e."receivedAt") FROM "ChatEvent" e WHERE e."shopDomain" = "AnalyticsDestination"."shopDomain")
  )
WHERE "cursorOccurredAt" IS NOT NULL;

UPDATE "AnalyticsDestination" SET
  "cursorSessionId" = '',
  "cursorEventId" = '',
  "pageDelivered" = (
    SELECT NULLIF(json_group_array(handled."id"), '[]') FROM (
      SELECT value AS "id" FROM json_each(COALESCE("AnalyticsDestination"."pageDelivered", '[]'))
      UNION
      SELECT e."id" FROM "ChatEvent" e
      WHERE e."shopDomain" = "AnalyticsDestination"."shopDomain"
        AND e."receivedAt" >= "AnalyticsDestination"."cursorReceivedAt"
        AND (e."occurredAt", e."sessionId", e."id") <= (
          "AnalyticsDestination"."cursorOccurredAt",
          COALESCE("AnalyticsDestination"."cursorSessionId", ''),
          COALESCE("AnalyticsDestination"."cursorEventId", '')
        )
    ) handled
  )
WHERE "cursorReceivedAt" IS NOT NULL;
-- End of the data step.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AnalyticsDestination" (
    "shopDomain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "measurementId" TEXT,
    "secretEncrypted" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "cursorReceivedAt" DATETIME,
    "cursorSessionId" TEXT,
    "cursorEventId" TEXT,
    "pageDelivered" TEXT,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "withheld" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastDeliveredAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "kind")
);
INSERT INTO "new_AnalyticsDestination" ("baseUrl", "cursorEventId", "cursorReceivedAt", "cursorSessionId", "delivered", "enabled", "kind", "lastDeliveredAt", "lastError", "measurementId", "pageDelivered", "rejected", "secretEncrypted", "shopDomain", "updatedAt", "withheld") SELECT "baseUrl", "cursorEventId", "cursorReceivedAt", "cursorSessionId", "delivered", "enabled", "kind", "lastDeliveredAt", "lastError", "measurementId", "pageDelivered", "rejected", "secretEncrypted", "shopDomain", "updatedAt", "withheld" FROM "AnalyticsDestination";
DROP TABLE "AnalyticsDestination";
ALTER TABLE "new_AnalyticsDestination" RENAME TO "AnalyticsDestination";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
