-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "retentionDays" INTEGER NOT NULL DEFAULT 395,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC',
ADD COLUMN     "widgetAppearance" TEXT;
