-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "eventId" TEXT;

-- CreateTable
CREATE TABLE "WebhookDeadLetter" (
    "webhookId" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "eventId" TEXT,
    "reason" TEXT NOT NULL,
    "bodyBytes" INTEGER NOT NULL,
    "bodySha256" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDeadLetter_pkey" PRIMARY KEY ("webhookId")
);

-- CreateIndex
CREATE INDEX "WebhookDeadLetter_shopDomain_receivedAt_idx" ON "WebhookDeadLetter"("shopDomain", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_topic_eventId_key" ON "WebhookDelivery"("topic", "eventId");
