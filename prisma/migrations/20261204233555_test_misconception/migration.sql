-- AlterTable
ALTER TABLE "test_results" ADD COLUMN     "misconception" TEXT;
