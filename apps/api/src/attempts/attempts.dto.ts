import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';
import type { LearnerAnswer, LearnerAttempt, LearnerExam, LearnerQuestionView, LearnerQuiz, QuizAvailability } from '@app/contracts';

export class LearnerExamDto implements LearnerExam {
  @ApiProperty({ description: 'Minutes per attempt, counted by the server (extra time granted comes on top)' }) minutes!: number;
  @ApiProperty({ description: 'Whether running the visible tests is allowed during the exam' }) visibleTests!: boolean;
  @ApiProperty({ description: 'Scores and feedback shown only once released, or once the quiz closes' }) hideScores!: boolean;
  @ApiProperty({ description: 'The page shows one question at a time' }) oneAtATime!: boolean;
}
import { LearnerQuestionDto } from './learner-question.dto.js';

export class LearnerQuizDto implements LearnerQuiz {
  @ApiProperty({ example: 'closures/make-counter' }) id!: string;
  @ApiProperty({ enum: ['quiz', 'exercise'] }) kind!: 'quiz' | 'exercise';
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'closures' }) course!: string;
  @ApiProperty({ description: 'Current version number' }) version!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null = unlimited' }) attemptLimit!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) opensAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closesAt!: string | null;
  @ApiProperty({ enum: ['open', 'not_open_yet', 'closed'] }) availability!: QuizAvailability;
  @ApiProperty() maxScore!: number;
  @ApiProperty({ type: LearnerExamDto, nullable: true, description: 'null unless the quiz is an exam' }) exam!: LearnerExam | null;
  @ApiProperty({ description: 'How many questions the quiz has (also when `questions` is withheld)' }) questionCount!: number;
  @ApiProperty({ description: 'Whether one of them is a code question' }) hasCode!: boolean;
  @ApiProperty({ type: [LearnerQuestionDto], description: 'Empty for an exam and for a quiz not open yet: shown only inside an attempt' }) questions!: LearnerQuestionView[];
}

export class LearnerAnswerDto implements LearnerAnswer {
  @ApiProperty() questionKey!: string;
  @ApiProperty({ description: 'What was sent; for code questions `{ submissionId }` of the best submission' }) response!: unknown;
  @ApiProperty({ type: Boolean, nullable: true }) correct!: boolean | null;
  @ApiProperty({ type: Number, nullable: true, description: '0..1' }) score!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Points earned' }) points!: number | null;
  @ApiProperty() maxPoints!: number;
  @ApiPropertyOptional({ description: 'Feedback on the chosen answer' }) feedback?: string;
  @ApiPropertyOptional({ description: "The author's explanation" }) explanation?: string;
}

export class LearnerAttemptDto implements LearnerAttempt {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() quizId!: string;
  @ApiProperty() quizTitle!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['in_progress', 'submitted'] }) status!: 'in_progress' | 'submitted';
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Points, once submitted' }) score!: number | null;
  @ApiProperty() maxScore!: number;
  @ApiProperty({ type: LearnerExamDto, nullable: true, description: 'null unless the quiz is an exam' }) exam!: LearnerExam | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Exam attempts: when the server stops taking answers' }) deadline!: string | null;
  @ApiProperty({ format: 'date-time', description: "The server's clock when this was sent" }) serverTime!: string;
  @ApiProperty({ description: 'The server finished the attempt at its deadline' }) timedOut!: boolean;
  @ApiProperty({ description: 'Exam scores withheld until release: score and verdicts are null' }) scoresHidden!: boolean;
  @ApiProperty({ type: [LearnerQuestionDto] }) questions!: LearnerQuestionView[];
  @ApiProperty({ type: [LearnerAnswerDto] }) answers!: LearnerAnswer[];
}

/** The response's shape depends on the question type, so it is checked by the service (400 on `response`). */
export class AnswerRequestDto {
  @ApiProperty({
    description:
      'single_choice: a choice id; multiple_choice: a list of choice ids; ordering: every item in your order; ' +
      'parsons: [{ line, indent }] the lines of your program in order (indent only when the question asks for it); ' +
      'predict_output and short_answer: a string (max 10,000 characters)',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'array', items: { type: 'object' } }],
    example: 'b',
  })
  @IsDefined({ message: 'response is required' })
  response!: unknown;
}
