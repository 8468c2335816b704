-- AlterTable
ALTER TABLE "RollupState" ADD COLUMN     "rebuildCursor" TEXT,
ADD COLUMN     "rebuildPhase" TEXT,
ADD COLUMN     "rebuildStartedAt" TIMESTAMP(3);
