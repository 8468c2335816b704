-- AlterTable
ALTER TABLE "HubSpotConnection" ADD COLUMN "creditRecord" TEXT NOT NULL DEFAULT 'deals';
