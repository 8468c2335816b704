-- AlterTable
ALTER TABLE "ChatSession" ADD COLUMN "lastChatAt" DATETIME;
ALTER TABLE "ChatSession" ADD COLUMN "answerCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ChatSession" ADD COLUMN "abstainCount" INTEGER NOT NULL DEFAULT 0;

-- Backfill from the event log, as ingest now keeps them (app/capture/ingest-plan.ts, CONVERSATION_EVENT_TYPES).
UPDATE "ChatSession" SET
  "lastChatAt" = (
    SELECT MAX(e."occurredAt") FROM "ChatEvent" e
    WHERE e."shopDomain" = "ChatSession"."shopDomain" AND e."sessionId" = "ChatSession"."id"
      AND e."type" IN ('chat_opened', 'flow_started', 'question_asked', 'step_answered', 'handoff_requested', 'handoff_message')
  ),
  "answerCount" = (
    SELECT COUNT(*) FROM "ChatEvent" e
    WHERE e."shopDomain" = "ChatSession"."shopDomain" AND e."sessionId" = "ChatSession"."id"
      AND e."type" = 'micro_conversion' AND e."microKind" = 'question_answered'
  ),
  "abstainCount" = (
    SELECT COUNT(*) FROM "ChatEvent" e
    WHERE e."shopDomain" = "ChatSession"."shopDomain" AND e."sessionId" = "ChatSession"."id"
      AND e."type" = 'answer_abstained'
  );

-- CreateIndex
CREATE INDEX "ChatSession_shopDomain_lastChatAt_idx" ON "ChatSession"("shopDomain", "lastChatAt");
