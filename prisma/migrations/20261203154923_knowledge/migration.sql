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
    "sourceUpdatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "syncedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shopDomain", "id", "locale")
);

-- CreateTable
CREATE TABLE "KnowledgeFaq" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "variants" TEXT NOT NULL DEFAULT '[]',
    "answer" TEXT NOT NULL,
    "linkTitle" TEXT,
    "linkUrl" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "KnowledgeSynonym" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopDomain" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "terms" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "KnowledgeSync" (
    "shopDomain" TEXT NOT NULL PRIMARY KEY,
    "metafieldNamespaces" TEXT NOT NULL DEFAULT '["custom"]',
    "shopName" TEXT,
    "currencyCode" TEXT,
    "primaryLocale" TEXT,
    "locales" TEXT NOT NULL DEFAULT '[]',
    "runStartedAt" DATETIME,
    "phase" TEXT,
    "cursor" TEXT,
    "lastSyncedAt" DATETIME,
    "products" INTEGER NOT NULL DEFAULT 0,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "policies" INTEGER NOT NULL DEFAULT 0,
    "translations" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "KnowledgeIndex" (
    "shopDomain" TEXT NOT NULL PRIMARY KEY,
    "format" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "bytes" INTEGER NOT NULL,
    "documents" INTEGER NOT NULL,
    "sourcesUntil" DATETIME NOT NULL,
    "builtAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "KnowledgeSource_shopDomain_updatedAt_idx" ON "KnowledgeSource"("shopDomain", "updatedAt");

-- CreateIndex
CREATE INDEX "KnowledgeSource_shopDomain_type_locale_idx" ON "KnowledgeSource"("shopDomain", "type", "locale");

-- CreateIndex
CREATE INDEX "KnowledgeFaq_shopDomain_locale_position_idx" ON "KnowledgeFaq"("shopDomain", "locale", "position");

-- CreateIndex
CREATE INDEX "KnowledgeSynonym_shopDomain_locale_idx" ON "KnowledgeSynonym"("shopDomain", "locale");
