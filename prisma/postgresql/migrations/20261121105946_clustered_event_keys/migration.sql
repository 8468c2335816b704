-- DropIndex
DROP INDEX "ChatEvent_shopDomain_sessionId_occurredAt_idx";

-- DropIndex
DROP INDEX "MicroConversion_shopDomain_sessionId_at_idx";

-- AlterTable
ALTER TABLE "ChatEvent" DROP CONSTRAINT "ChatEvent_pkey",
ADD CONSTRAINT "ChatEvent_pkey" PRIMARY KEY ("shopDomain", "sessionId", "id");

-- AlterTable
ALTER TABLE "MicroConversion" DROP CONSTRAINT "MicroConversion_pkey",
ADD CONSTRAINT "MicroConversion_pkey" PRIMARY KEY ("shopDomain", "sessionId", "id");
