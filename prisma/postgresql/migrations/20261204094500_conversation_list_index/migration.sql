-- DropIndex
DROP INDEX "ChatSession_shopDomain_lastChatAt_idx";

-- CreateIndex
CREATE INDEX "ChatSession_shopDomain_lastChatAt_id_idx" ON "ChatSession"("shopDomain", "lastChatAt", "id");

-- CreateIndex
CREATE INDEX "Lead_shopDomain_firstSessionId_idx" ON "Lead"("shopDomain", "firstSessionId");

-- CreateIndex
CREATE INDEX "Lead_shopDomain_lastSessionId_idx" ON "Lead"("shopDomain", "lastSessionId");
