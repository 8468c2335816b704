-- CreateTable
CREATE TABLE "AnalyticsDestination" (
    "shopDomain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "measurementId" TEXT,
    "secretEncrypted" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "cursorOccurredAt" DATETIME,
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

-- CreateTable
CREATE TABLE "AnalyticsConsent" (
    "shopDomain" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "analytics" BOOLEAN NOT NULL,
    "marketing" BOOLEAN NOT NULL DEFAULT false,
    "gaClientId" TEXT,
    "recordedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "sessionId")
);
