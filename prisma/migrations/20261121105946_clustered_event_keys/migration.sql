/*
  Warnings:

  - The primary key for the `ChatEvent` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - The primary key for the `MicroConversion` table will be changed. If it partially fails, the table could be left without primary key constraint.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChatEvent" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "flowId" TEXT,
    "stepId" TEXT,
    "variantId" TEXT,
    "microKind" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "data" TEXT,

    PRIMARY KEY ("shopDomain", "sessionId", "id")
);
INSERT INTO "new_ChatEvent" ("data", "flowId", "id", "microKind", "occurredAt", "receivedAt", "sessionId", "shopDomain", "stepId", "type", "variantId") SELECT "data", "flowId", "id", "microKind", "occurredAt", "receivedAt", "sessionId", "shopDomain", "stepId", "type", "variantId" FROM "ChatEvent";
DROP TABLE "ChatEvent";
ALTER TABLE "new_ChatEvent" RENAME TO "ChatEvent";
CREATE INDEX "ChatEvent_shopDomain_occurredAt_idx" ON "ChatEvent"("shopDomain", "occurredAt");
CREATE TABLE "new_MicroConversion" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "productId" TEXT,
    "productVariantId" TEXT,
    "discountCode" TEXT,
    "valueMinor" BIGINT,
    "email" TEXT,

    PRIMARY KEY ("shopDomain", "sessionId", "id")
);
INSERT INTO "new_MicroConversion" ("at", "discountCode", "email", "id", "kind", "productId", "productVariantId", "sessionId", "shopDomain", "valueMinor") SELECT "at", "discountCode", "email", "id", "kind", "productId", "productVariantId", "sessionId", "shopDomain", "valueMinor" FROM "MicroConversion";
DROP TABLE "MicroConversion";
ALTER TABLE "new_MicroConversion" RENAME TO "MicroConversion";
CREATE INDEX "MicroConversion_shopDomain_discountCode_at_idx" ON "MicroConversion"("shopDomain", "discountCode", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
