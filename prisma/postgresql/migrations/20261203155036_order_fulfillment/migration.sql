-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "fulfillmentStatus" TEXT,
ADD COLUMN     "tracking" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE INDEX "Order_shopDomain_name_idx" ON "Order"("shopDomain", "name");
