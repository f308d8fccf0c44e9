-- AlterTable
ALTER TABLE "attempts" ADD COLUMN     "variantSeed" INTEGER NOT NULL DEFAULT 0;
