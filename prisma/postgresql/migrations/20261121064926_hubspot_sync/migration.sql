-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "shopDomain" TEXT;

-- CreateTable
CREATE TABLE "HubSpotConnection" (
    "shopDomain" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "accessTokenEncrypted" TEXT NOT NULL,
    "refreshTokenEncrypted" TEXT,
    "expiresAt" TIMESTAMP(3),
    "portalId" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "currency" TEXT,
    "customEventsAvailable" BOOLEAN NOT NULL DEFAULT false,
    "tenSecondLimit" INTEGER NOT NULL DEFAULT 100,
    "gdprDeleteEnabled" BOOLEAN NOT NULL DEFAULT false,
    "dealPipeline" TEXT NOT NULL DEFAULT 'default',
    "dealStage" TEXT NOT NULL DEFAULT 'closedwon',
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HubSpotConnection_pkey" PRIMARY KEY ("shopDomain")
);

-- CreateIndex
CREATE INDEX "Job_shopDomain_status_idx" ON "Job"("shopDomain", "status");
