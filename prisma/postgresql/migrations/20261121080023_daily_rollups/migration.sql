-- CreateTable
CREATE TABLE "DailyRollup" (
    "shopDomain" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "variants" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailyRollup_pkey" PRIMARY KEY ("shopDomain","day","arm")
);

-- CreateTable
CREATE TABLE "Visitor" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "firstSeenDay" TEXT NOT NULL,
    "firstMicroAt" TIMESTAMP(3),
    "firstMicroDay" TEXT,
    "orders" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Visitor_pkey" PRIMARY KEY ("shopDomain","id")
);

-- CreateTable
CREATE TABLE "RollupState" (
    "shopDomain" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "syncedUntil" TIMESTAMP(3) NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,
    "rebuiltAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RollupState_pkey" PRIMARY KEY ("shopDomain")
);

-- CreateIndex
CREATE INDEX "Visitor_shopDomain_firstSeenDay_idx" ON "Visitor"("shopDomain", "firstSeenDay");

-- CreateIndex
CREATE INDEX "Visitor_shopDomain_firstMicroDay_idx" ON "Visitor"("shopDomain", "firstMicroDay");
