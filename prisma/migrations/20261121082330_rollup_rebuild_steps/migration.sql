-- AlterTable
ALTER TABLE "RollupState" ADD COLUMN "rebuildCursor" TEXT;
ALTER TABLE "RollupState" ADD COLUMN "rebuildPhase" TEXT;
ALTER TABLE "RollupState" ADD COLUMN "rebuildStartedAt" DATETIME;
