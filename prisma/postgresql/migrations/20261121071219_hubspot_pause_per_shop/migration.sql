-- CreateTable
CREATE TABLE "JobShopPause" (
    "kind" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "JobShopPause_pkey" PRIMARY KEY ("kind","shopDomain")
);
