-- AlterTable
ALTER TABLE "HubSpotConnection" ADD COLUMN     "portalCurrencies" TEXT,
ADD COLUMN     "dealOtherCurrency" TEXT NOT NULL DEFAULT 'omit';
