-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "armSalt" TEXT,
ADD COLUMN     "attributionModel" TEXT NOT NULL DEFAULT 'last_touch',
ADD COLUMN     "attributionWindowDays" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "consentMode" TEXT NOT NULL DEFAULT 'explicit',
ADD COLUMN     "currency" TEXT,
ADD COLUMN     "holdoutPercent" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "ordersReconciledUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ChatSession" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "landingPath" TEXT,
    "pageType" TEXT,
    "referrer" TEXT,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmTerm" TEXT,
    "utmContent" TEXT,
    "returning" BOOLEAN,
    "customerId" TEXT,
    "email" TEXT,
    "emailConsentAt" TIMESTAMP(3),
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    "microConversionCount" INTEGER NOT NULL DEFAULT 0,
    "firstMicroAt" TIMESTAMP(3),
    "lastMicroAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatSession_pkey" PRIMARY KEY ("shopDomain","id")
);

-- CreateTable
CREATE TABLE "ChatEvent" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "flowId" TEXT,
    "stepId" TEXT,
    "variantId" TEXT,
    "microKind" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "data" TEXT,

    CONSTRAINT "ChatEvent_pkey" PRIMARY KEY ("shopDomain","id")
);

-- CreateTable
CREATE TABLE "MicroConversion" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "productId" TEXT,
    "productVariantId" TEXT,
    "discountCode" TEXT,
    "valueMinor" BIGINT,
    "email" TEXT,

    CONSTRAINT "MicroConversion_pkey" PRIMARY KEY ("shopDomain","id")
);

-- CreateTable
CREATE TABLE "Lead" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "consentText" TEXT NOT NULL,
    "consentAt" TIMESTAMP(3) NOT NULL,
    "customerId" TEXT,
    "firstSessionId" TEXT NOT NULL,
    "lastSessionId" TEXT NOT NULL,
    "sessionCount" INTEGER NOT NULL DEFAULT 1,
    "microConversionCount" INTEGER NOT NULL DEFAULT 0,
    "lastPagePath" TEXT,
    "productInterest" TEXT,
    "intentScore" INTEGER NOT NULL DEFAULT 0,
    "qualifiedAt" TIMESTAMP(3),
    "hubspotContactId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "placedAt" TIMESTAMP(3) NOT NULL,
    "shopifyUpdatedAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "currency" TEXT NOT NULL,
    "presentmentCurrency" TEXT,
    "totalMinor" BIGINT NOT NULL,
    "subtotalMinor" BIGINT NOT NULL,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,
    "netMinor" BIGINT NOT NULL,
    "customerId" TEXT,
    "email" TEXT,
    "chatliftAttribute" TEXT,
    "chatSessionId" TEXT,
    "arm" TEXT,
    "discountCodes" TEXT NOT NULL DEFAULT '[]',
    "test" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "attributedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "productId" TEXT,
    "productVariantId" TEXT,
    "quantity" INTEGER NOT NULL,
    "netMinor" BIGINT NOT NULL,
    "chatSessionId" TEXT,
    "refundedQuantity" INTEGER NOT NULL DEFAULT 0,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Refund" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "orderLevelMinor" BIGINT NOT NULL DEFAULT 0,
    "lines" TEXT NOT NULL,

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Credit" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "chatSessionId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "grossAmountMinor" BIGINT NOT NULL,
    "reducedBy" TEXT,
    "share" DOUBLE PRECISION NOT NULL,
    "currency" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "arm" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Credit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobKindPause" (
    "kind" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "JobKindPause_pkey" PRIMARY KEY ("kind")
);

-- CreateIndex
CREATE INDEX "ChatSession_shopDomain_customerId_lastSeenAt_idx" ON "ChatSession"("shopDomain", "customerId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "ChatSession_shopDomain_email_lastSeenAt_idx" ON "ChatSession"("shopDomain", "email", "lastSeenAt");

-- CreateIndex
CREATE INDEX "ChatSession_shopDomain_startedAt_idx" ON "ChatSession"("shopDomain", "startedAt");

-- CreateIndex
CREATE INDEX "ChatEvent_shopDomain_sessionId_occurredAt_idx" ON "ChatEvent"("shopDomain", "sessionId", "occurredAt");

-- CreateIndex
CREATE INDEX "ChatEvent_shopDomain_occurredAt_idx" ON "ChatEvent"("shopDomain", "occurredAt");

-- CreateIndex
CREATE INDEX "MicroConversion_shopDomain_sessionId_at_idx" ON "MicroConversion"("shopDomain", "sessionId", "at");

-- CreateIndex
CREATE INDEX "MicroConversion_shopDomain_discountCode_at_idx" ON "MicroConversion"("shopDomain", "discountCode", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Lead_shopDomain_email_key" ON "Lead"("shopDomain", "email");

-- CreateIndex
CREATE INDEX "Order_shopDomain_placedAt_idx" ON "Order"("shopDomain", "placedAt");

-- CreateIndex
CREATE INDEX "Order_shopDomain_chatSessionId_idx" ON "Order"("shopDomain", "chatSessionId");

-- CreateIndex
CREATE INDEX "OrderLine_orderId_idx" ON "OrderLine"("orderId");

-- CreateIndex
CREATE INDEX "Refund_orderId_idx" ON "Refund"("orderId");

-- CreateIndex
CREATE INDEX "Refund_shopDomain_idx" ON "Refund"("shopDomain");

-- CreateIndex
CREATE INDEX "Credit_shopDomain_chatSessionId_idx" ON "Credit"("shopDomain", "chatSessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Credit_orderId_model_windowDays_chatSessionId_role_key" ON "Credit"("orderId", "model", "windowDays", "chatSessionId", "role");

-- CreateIndex
CREATE INDEX "Job_status_runAt_idx" ON "Job"("status", "runAt");

-- CreateIndex
CREATE INDEX "Job_kind_status_idx" ON "Job"("kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Job_kind_dedupeKey_key" ON "Job"("kind", "dedupeKey");

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credit" ADD CONSTRAINT "Credit_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;
