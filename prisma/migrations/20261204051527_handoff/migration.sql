-- CreateTable
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "locale" TEXT,
    "email" TEXT,
    "consentText" TEXT,
    "consentAt" DATETIME,
    "answerBy" DATETIME,
    "offerOfflineAt" DATETIME,
    "requestedAt" DATETIME NOT NULL,
    "firstStaffReplyAt" DATETIME,
    "lastMessageAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "messageCount" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "HandoffMessage" (
    "handoffId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "speaker" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "staffName" TEXT,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("handoffId", "seq")
);

-- CreateTable
CREATE TABLE "HandoffSettings" (
    "shopDomain" TEXT NOT NULL PRIMARY KEY,
    "onlineUntil" DATETIME,
    "businessHours" TEXT,
    "waitSeconds" INTEGER NOT NULL DEFAULT 120,
    "replyWithinHours" INTEGER NOT NULL DEFAULT 24,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Handoff_shopDomain_status_lastMessageAt_idx" ON "Handoff"("shopDomain", "status", "lastMessageAt");

-- CreateIndex
CREATE INDEX "Handoff_shopDomain_sessionId_idx" ON "Handoff"("shopDomain", "sessionId");

-- CreateIndex
CREATE INDEX "HandoffMessage_shopDomain_sessionId_idx" ON "HandoffMessage"("shopDomain", "sessionId");
