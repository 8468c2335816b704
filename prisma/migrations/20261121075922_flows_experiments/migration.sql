-- CreateTable
CREATE TABLE "Flow" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "draft" TEXT NOT NULL,
    "template" TEXT,
    "publishedVersion" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "id")
);

-- CreateTable
CREATE TABLE "FlowVersion" (
    "shopDomain" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "note" TEXT,
    "publishedAt" DATETIME NOT NULL,
    "publicationId" TEXT,

    PRIMARY KEY ("shopDomain", "flowId", "number"),
    CONSTRAINT "FlowVersion_shopDomain_flowId_fkey" FOREIGN KEY ("shopDomain", "flowId") REFERENCES "Flow" ("shopDomain", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WidgetPublication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "metafieldId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "variants" TEXT NOT NULL,
    "controlVariantId" TEXT NOT NULL,
    "minimumDetectableEffect" REAL NOT NULL DEFAULT 0.1,
    "startedAt" DATETIME,
    "stoppedAt" DATETIME,
    "winnerVariantId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Experiment_shopDomain_flowId_fkey" FOREIGN KEY ("shopDomain", "flowId") REFERENCES "Flow" ("shopDomain", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WidgetPublication_shopDomain_publishedAt_idx" ON "WidgetPublication"("shopDomain", "publishedAt");

-- CreateIndex
CREATE INDEX "Experiment_shopDomain_status_idx" ON "Experiment"("shopDomain", "status");

-- CreateIndex
CREATE INDEX "Experiment_shopDomain_flowId_idx" ON "Experiment"("shopDomain", "flowId");
