-- AlterTable
ALTER TABLE "ChatSession" ADD COLUMN     "country" TEXT;
