-- AlterEnum
ALTER TYPE "TestStatus" ADD VALUE 'skipped';
