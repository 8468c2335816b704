-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "hubspotOwnerId" TEXT,
ADD COLUMN     "routedLeadStatus" TEXT,
ADD COLUMN     "routedLifecycleStage" TEXT,
ADD COLUMN     "routedProperties" TEXT;

-- CreateTable
CREATE TABLE "RoutingAction" (
    "shopDomain" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "hubspotObjectId" TEXT,
    "associatedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoutingAction_pkey" PRIMARY KEY ("shopDomain","dedupeKey")
);

-- CreateIndex
CREATE INDEX "RoutingAction_shopDomain_leadId_idx" ON "RoutingAction"("shopDomain", "leadId");
