-- CreateEnum
CREATE TYPE "TestFault" AS ENUM ('grader', 'author');

-- AlterTable
ALTER TABLE "test_results" ADD COLUMN     "fault" "TestFault";
