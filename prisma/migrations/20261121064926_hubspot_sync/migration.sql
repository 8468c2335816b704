-- AlterTable
ALTER TABLE "Job" ADD COLUMN "shopDomain" TEXT;

-- CreateTable
CREATE TABLE "HubSpotConnection" (
    "shopDomain" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "accessTokenEncrypted" TEXT NOT NULL,
    "refreshTokenEncrypted" TEXT,
    "expiresAt" DATETIME,
    "portalId" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "currency" TEXT,
    "customEventsAvailable" BOOLEAN NOT NULL DEFAULT false,
    "tenSecondLimit" INTEGER NOT NULL DEFAULT 100,
    "gdprDeleteEnabled" BOOLEAN NOT NULL DEFAULT false,
    "dealPipeline" TEXT NOT NULL DEFAULT 'default',
    "dealStage" TEXT NOT NULL DEFAULT 'closedwon',
    "connectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Job_shopDomain_status_idx" ON "Job"("shopDomain", "status");
