-- AlterTable
ALTER TABLE "HubSpotConnection" ADD COLUMN     "grantedScopes" TEXT;
