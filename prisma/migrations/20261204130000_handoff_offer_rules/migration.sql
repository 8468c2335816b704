-- AlterTable
ALTER TABLE "Handoff" ADD COLUMN "offerRuleId" TEXT;

-- AlterTable
ALTER TABLE "HandoffSettings" ADD COLUMN "offerRules" TEXT;
