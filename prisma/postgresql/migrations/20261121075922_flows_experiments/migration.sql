-- CreateTable
CREATE TABLE "Flow" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "draft" TEXT NOT NULL,
    "template" TEXT,
    "publishedVersion" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Flow_pkey" PRIMARY KEY ("shopDomain","id")
);

-- CreateTable
CREATE TABLE "FlowVersion" (
    "shopDomain" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "note" TEXT,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "publicationId" TEXT,

    CONSTRAINT "FlowVersion_pkey" PRIMARY KEY ("shopDomain","flowId","number")
);

-- CreateTable
CREATE TABLE "WidgetPublication" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "metafieldId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WidgetPublication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "variants" TEXT NOT NULL,
    "controlVariantId" TEXT NOT NULL,
    "minimumDetectableEffect" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
    "startedAt" TIMESTAMP(3),
    "stoppedAt" TIMESTAMP(3),
    "winnerVariantId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WidgetPublication_shopDomain_publishedAt_idx" ON "WidgetPublication"("shopDomain", "publishedAt");

-- CreateIndex
CREATE INDEX "Experiment_shopDomain_status_idx" ON "Experiment"("shopDomain", "status");

-- CreateIndex
CREATE INDEX "Experiment_shopDomain_flowId_idx" ON "Experiment"("shopDomain", "flowId");

-- AddForeignKey
ALTER TABLE "FlowVersion" ADD CONSTRAINT "FlowVersion_shopDomain_flowId_fkey" FOREIGN KEY ("shopDomain", "flowId") REFERENCES "Flow"("shopDomain", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_shopDomain_flowId_fkey" FOREIGN KEY ("shopDomain", "flowId") REFERENCES "Flow"("shopDomain", "id") ON DELETE CASCADE ON UPDATE CASCADE;
