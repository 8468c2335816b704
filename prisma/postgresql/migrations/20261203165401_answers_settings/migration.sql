-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "answerThreshold" DOUBLE PRECISION,
ADD COLUMN     "answersEnabled" BOOLEAN NOT NULL DEFAULT true;
