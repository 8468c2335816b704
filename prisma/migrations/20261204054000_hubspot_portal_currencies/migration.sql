-- AlterTable
ALTER TABLE "HubSpotConnection" ADD COLUMN "portalCurrencies" TEXT;
ALTER TABLE "HubSpotConnection" ADD COLUMN "dealOtherCurrency" TEXT NOT NULL DEFAULT 'omit';
