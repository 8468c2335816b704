/*
  Warnings:

  - A unique constraint covering the columns `[topic,eventId]` on the table `WebhookDelivery` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "eventId" TEXT;

-- CreateTable
CREATE TABLE "WebhookDeadLetter" (
    "webhookId" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "eventId" TEXT,
    "reason" TEXT NOT NULL,
    "bodyBytes" INTEGER NOT NULL,
    "bodySha256" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "WebhookDeadLetter_shopDomain_receivedAt_idx" ON "WebhookDeadLetter"("shopDomain", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_topic_eventId_key" ON "WebhookDelivery"("topic", "eventId");
