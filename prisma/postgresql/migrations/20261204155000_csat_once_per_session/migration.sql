-- AlterTable
ALTER TABLE "ChatSession" ADD COLUMN      "ratedAt" TIMESTAMP(3);

-- Backfill from the event log (#16): a session rated before this column keeps its first rating's time, so a
-- later tap finds it rated. Ingest claims it from now on (app/capture/ingest.server.ts, ratedSessions).
UPDATE "ChatSession" SET "ratedAt" = (
  SELECT MIN(e."occurredAt") FROM "ChatEvent" e
  WHERE e."shopDomain" = "ChatSession"."shopDomain" AND e."sessionId" = "ChatSession"."id" AND e."type" = 'csat_given'
)
WHERE EXISTS (
  SELECT 1 FROM "ChatEvent" e
  WHERE e."shopDomain" = "ChatSession"."shopDomain" AND e."sessionId" = "ChatSession"."id" AND e."type" = 'csat_given'
);
