-- CreateTable
CREATE TABLE "ChatSession" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
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
    "emailConsentAt" DATETIME,
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    "microConversionCount" INTEGER NOT NULL DEFAULT 0,
    "firstMicroAt" DATETIME,
    "lastMicroAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "id")
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
    "occurredAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "data" TEXT,

    PRIMARY KEY ("shopDomain", "id")
);

-- CreateTable
CREATE TABLE "MicroConversion" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "productId" TEXT,
    "productVariantId" TEXT,
    "discountCode" TEXT,
    "valueMinor" BIGINT,
    "email" TEXT,

    PRIMARY KEY ("shopDomain", "id")
);

-- CreateTable
CREATE TABLE "Lead" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "consentText" TEXT NOT NULL,
    "consentAt" DATETIME NOT NULL,
    "customerId" TEXT,
    "firstSessionId" TEXT NOT NULL,
    "lastSessionId" TEXT NOT NULL,
    "sessionCount" INTEGER NOT NULL DEFAULT 1,
    "microConversionCount" INTEGER NOT NULL DEFAULT 0,
    "lastPagePath" TEXT,
    "productInterest" TEXT,
    "intentScore" INTEGER NOT NULL DEFAULT 0,
    "qualifiedAt" DATETIME,
    "hubspotContactId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "placedAt" DATETIME NOT NULL,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
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
    "attributedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "productId" TEXT,
    "productVariantId" TEXT,
    "quantity" INTEGER NOT NULL,
    "netMinor" BIGINT NOT NULL,
    "chatSessionId" TEXT,
    "refundedQuantity" INTEGER NOT NULL DEFAULT 0,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Refund" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "orderLevelMinor" BIGINT NOT NULL DEFAULT 0,
    "lines" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Credit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "chatSessionId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "confidence" REAL NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "grossAmountMinor" BIGINT NOT NULL,
    "reducedBy" TEXT,
    "share" REAL NOT NULL,
    "currency" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "arm" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Credit_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "JobKindPause" (
    "kind" TEXT NOT NULL PRIMARY KEY,
    "until" DATETIME NOT NULL,
    "reason" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "currency" TEXT,
    "attributionWindowDays" INTEGER NOT NULL DEFAULT 7,
    "attributionModel" TEXT NOT NULL DEFAULT 'last_touch',
    "holdoutPercent" INTEGER NOT NULL DEFAULT 10,
    "armSalt" TEXT,
    "consentMode" TEXT NOT NULL DEFAULT 'explicit',
    "ordersReconciledUntil" DATETIME
);
INSERT INTO "new_Shop" ("domain", "installedAt", "uninstalledAt", "updatedAt") SELECT "domain", "installedAt", "uninstalledAt", "updatedAt" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
