-- CreateTable
CREATE TABLE "AnalyticsDestination" (
    "shopDomain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "measurementId" TEXT,
    "secretEncrypted" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "cursorOccurredAt" TIMESTAMP(3),
    "cursorSessionId" TEXT,
    "cursorEventId" TEXT,
    "pageDelivered" TEXT,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "withheld" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastDeliveredAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnalyticsDestination_pkey" PRIMARY KEY ("shopDomain","kind")
);

-- CreateTable
CREATE TABLE "AnalyticsConsent" (
    "shopDomain" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "analytics" BOOLEAN NOT NULL,
    "marketing" BOOLEAN NOT NULL DEFAULT false,
    "gaClientId" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnalyticsConsent_pkey" PRIMARY KEY ("shopDomain","sessionId")
);
