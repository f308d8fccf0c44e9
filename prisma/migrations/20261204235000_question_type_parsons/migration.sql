-- AlterEnum
ALTER TYPE "QuestionType" ADD VALUE 'parsons';
