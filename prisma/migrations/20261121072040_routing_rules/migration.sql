-- CreateTable
CREATE TABLE "RoutingRuleSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" DATETIME,
    "active" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "RoutingDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "ruleSetVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RoundRobinState" (
    "shopDomain" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "lastOwnerId" TEXT,
    "assigned" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("shopDomain", "ruleId")
);

-- CreateIndex
CREATE INDEX "RoutingRuleSet_shopDomain_active_idx" ON "RoutingRuleSet"("shopDomain", "active");

-- CreateIndex
CREATE UNIQUE INDEX "RoutingRuleSet_shopDomain_version_key" ON "RoutingRuleSet"("shopDomain", "version");

-- CreateIndex
CREATE INDEX "RoutingDecision_shopDomain_leadId_decidedAt_idx" ON "RoutingDecision"("shopDomain", "leadId", "decidedAt");
