-- CreateTable
CREATE TABLE "PixelLink" (
    "shopDomain" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "checkoutToken" TEXT,
    "linkedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "orderId")
);

-- CreateIndex
CREATE UNIQUE INDEX "PixelLink_shopDomain_tokenHash_key" ON "PixelLink"("shopDomain", "tokenHash");
