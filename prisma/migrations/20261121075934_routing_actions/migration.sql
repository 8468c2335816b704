-- AlterTable
ALTER TABLE "Lead" ADD COLUMN "hubspotOwnerId" TEXT;
ALTER TABLE "Lead" ADD COLUMN "routedLeadStatus" TEXT;
ALTER TABLE "Lead" ADD COLUMN "routedLifecycleStage" TEXT;
ALTER TABLE "Lead" ADD COLUMN "routedProperties" TEXT;

-- CreateTable
CREATE TABLE "RoutingAction" (
    "shopDomain" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "hubspotObjectId" TEXT,
    "associatedAt" DATETIME,
    "doneAt" DATETIME,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shopDomain", "dedupeKey")
);

-- CreateIndex
CREATE INDEX "RoutingAction_shopDomain_leadId_idx" ON "RoutingAction"("shopDomain", "leadId");
