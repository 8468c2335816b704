-- CreateTable
CREATE TABLE "JobShopPause" (
    "kind" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "until" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,

    PRIMARY KEY ("kind", "shopDomain")
);
