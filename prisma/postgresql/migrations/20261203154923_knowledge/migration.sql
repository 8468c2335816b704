-- CreateTable
CREATE TABLE "KnowledgeSource" (
    "shopDomain" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "handle" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "url" TEXT,
    "productType" TEXT,
    "vendor" TEXT,
    "policyType" TEXT,
    "facts" TEXT,
    "sourceUpdatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeSource_pkey" PRIMARY KEY ("shopDomain","id","locale")
);

-- CreateTable
CREATE TABLE "KnowledgeFaq" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "variants" TEXT NOT NULL DEFAULT '[]',
    "answer" TEXT NOT NULL,
    "linkTitle" TEXT,
    "linkUrl" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeFaq_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeSynonym" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "terms" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeSynonym_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeSync" (
    "shopDomain" TEXT NOT NULL,
    "metafieldNamespaces" TEXT NOT NULL DEFAULT '["custom"]',
    "shopName" TEXT,
    "currencyCode" TEXT,
    "primaryLocale" TEXT,
    "locales" TEXT NOT NULL DEFAULT '[]',
    "runStartedAt" TIMESTAMP(3),
    "phase" TEXT,
    "cursor" TEXT,
    "lastSyncedAt" TIMESTAMP(3),
    "products" INTEGER NOT NULL DEFAULT 0,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "policies" INTEGER NOT NULL DEFAULT 0,
    "translations" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeSync_pkey" PRIMARY KEY ("shopDomain")
);

-- CreateTable
CREATE TABLE "KnowledgeIndex" (
    "shopDomain" TEXT NOT NULL,
    "format" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "bytes" INTEGER NOT NULL,
    "documents" INTEGER NOT NULL,
    "sourcesUntil" TIMESTAMP(3) NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeIndex_pkey" PRIMARY KEY ("shopDomain")
);

-- CreateIndex
CREATE INDEX "KnowledgeSource_shopDomain_updatedAt_idx" ON "KnowledgeSource"("shopDomain", "updatedAt");

-- CreateIndex
CREATE INDEX "KnowledgeSource_shopDomain_type_locale_idx" ON "KnowledgeSource"("shopDomain", "type", "locale");

-- CreateIndex
CREATE INDEX "KnowledgeFaq_shopDomain_locale_position_idx" ON "KnowledgeFaq"("shopDomain", "locale", "position");

-- CreateIndex
CREATE INDEX "KnowledgeSynonym_shopDomain_locale_idx" ON "KnowledgeSynonym"("shopDomain", "locale");
