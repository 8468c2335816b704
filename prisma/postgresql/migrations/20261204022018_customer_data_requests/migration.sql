-- CreateTable
CREATE TABLE "CustomerDataRequest" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "shopifyRequestId" TEXT,
    "customerId" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "ordersRequested" TEXT NOT NULL DEFAULT '[]',
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "exportedAt" TIMESTAMP(3),

    CONSTRAINT "CustomerDataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CustomerDataRequest_webhookId_key" ON "CustomerDataRequest"("webhookId");

-- CreateIndex
CREATE INDEX "CustomerDataRequest_shopDomain_receivedAt_idx" ON "CustomerDataRequest"("shopDomain", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerDataRequest_shopDomain_shopifyRequestId_key" ON "CustomerDataRequest"("shopDomain", "shopifyRequestId");
