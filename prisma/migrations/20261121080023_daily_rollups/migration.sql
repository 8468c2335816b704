-- CreateTable
CREATE TABLE "DailyRollup" (
    "shopDomain" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "cohort" TEXT NOT NULL,
    "variants" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "day", "arm")
);

-- CreateTable
CREATE TABLE "Visitor" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "firstSeenDay" TEXT NOT NULL,
    "firstMicroAt" DATETIME,
    "firstMicroDay" TEXT,
    "orders" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "id")
);

-- CreateTable
CREATE TABLE "RollupState" (
    "shopDomain" TEXT NOT NULL PRIMARY KEY,
    "timeZone" TEXT NOT NULL,
    "syncedUntil" DATETIME NOT NULL,
    "refreshedAt" DATETIME NOT NULL,
    "rebuiltAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Visitor_shopDomain_firstSeenDay_idx" ON "Visitor"("shopDomain", "firstSeenDay");

-- CreateIndex
CREATE INDEX "Visitor_shopDomain_firstMicroDay_idx" ON "Visitor"("shopDomain", "firstMicroDay");
