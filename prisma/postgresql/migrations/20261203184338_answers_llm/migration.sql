-- CreateTable
CREATE TABLE "AnswerLlm" (
    "shopDomain" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "provider" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "apiKeyEncrypted" TEXT,
    "dailyCap" INTEGER NOT NULL DEFAULT 500,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnswerLlm_pkey" PRIMARY KEY ("shopDomain")
);

-- CreateTable
CREATE TABLE "AnswerLlmUsage" (
    "shopDomain" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AnswerLlmUsage_pkey" PRIMARY KEY ("shopDomain","day")
);
