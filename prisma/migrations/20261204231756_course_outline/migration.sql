-- AlterTable
ALTER TABLE "quizzes" ADD COLUMN     "position" INTEGER,
ADD COLUMN     "section" TEXT;
