-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "placedAt" DATETIME NOT NULL,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
    "currency" TEXT NOT NULL,
    "presentmentCurrency" TEXT,
    "totalMinor" BIGINT NOT NULL,
    "subtotalMinor" BIGINT NOT NULL,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,
    "netMinor" BIGINT NOT NULL,
    "customerId" TEXT,
    "email" TEXT,
    "chatliftAttribute" TEXT,
    "chatSessionId" TEXT,
    "arm" TEXT,
    "discountCodes" TEXT NOT NULL DEFAULT '[]',
    "test" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "attributedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "fulfillmentStatus" TEXT,
    "tracking" TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO "new_Order" ("arm", "attributedAt", "cancelledAt", "chatSessionId", "chatliftAttribute", "createdAt", "currency", "customerId", "discountCodes", "email", "id", "name", "netMinor", "placedAt", "presentmentCurrency", "refundedMinor", "shopDomain", "shopifyUpdatedAt", "source", "subtotalMinor", "test", "totalMinor", "updatedAt") SELECT "arm", "attributedAt", "cancelledAt", "chatSessionId", "chatliftAttribute", "createdAt", "currency", "customerId", "discountCodes", "email", "id", "name", "netMinor", "placedAt", "presentmentCurrency", "refundedMinor", "shopDomain", "shopifyUpdatedAt", "source", "subtotalMinor", "test", "totalMinor", "updatedAt" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE INDEX "Order_shopDomain_placedAt_idx" ON "Order"("shopDomain", "placedAt");
CREATE INDEX "Order_shopDomain_chatSessionId_idx" ON "Order"("shopDomain", "chatSessionId");
CREATE INDEX "Order_shopDomain_name_idx" ON "Order"("shopDomain", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
