-- CreateTable
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "locale" TEXT,
    "email" TEXT,
    "consentText" TEXT,
    "consentAt" TIMESTAMP(3),
    "answerBy" TIMESTAMP(3),
    "offerOfflineAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "firstStaffReplyAt" TIMESTAMP(3),
    "lastMessageAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "messageCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
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
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HandoffMessage_pkey" PRIMARY KEY ("handoffId","seq")
);

-- CreateTable
CREATE TABLE "HandoffSettings" (
    "shopDomain" TEXT NOT NULL,
    "onlineUntil" TIMESTAMP(3),
    "businessHours" TEXT,
    "waitSeconds" INTEGER NOT NULL DEFAULT 120,
    "replyWithinHours" INTEGER NOT NULL DEFAULT 24,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HandoffSettings_pkey" PRIMARY KEY ("shopDomain")
);

-- CreateIndex
CREATE INDEX "Handoff_shopDomain_status_lastMessageAt_idx" ON "Handoff"("shopDomain", "status", "lastMessageAt");

-- CreateIndex
CREATE INDEX "Handoff_shopDomain_sessionId_idx" ON "Handoff"("shopDomain", "sessionId");

-- CreateIndex
CREATE INDEX "HandoffMessage_shopDomain_sessionId_idx" ON "HandoffMessage"("shopDomain", "sessionId");
