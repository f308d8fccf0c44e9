import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_FILE_BYTES } from '@app/quiz-spec';
import { PaginationQueryDto } from '../common/pagination.dto.js';

/** The YAML of one quiz or exercise file, as an instructor uploads or edits it. */
export class QuizSourceDto {
  @ApiProperty({ description: `The file's YAML text (at most ${MAX_FILE_BYTES} bytes)`, example: 'kind: exercise\nid: closures/make-counter\n...' })
  @IsString()
  @IsNotEmpty()
  // Characters, not bytes: the parser enforces the byte limit itself with a located error.
  @MaxLength(MAX_FILE_BYTES)
  yaml!: string;

  @ApiPropertyOptional({ default: false, description: 'Also grade the reference and wrong solutions (as `npm run exercises:validate`)' })
  @IsOptional()
  @IsBoolean()
  verify?: boolean;
}

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class CheckQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Only validate (same answer as POST /api/authoring/validate); store nothing' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  check?: boolean;
}

export const SUBMISSION_STATUSES = ['pending', 'grading', 'graded', 'error'] as const;
export const SUBMISSION_KINDS = ['run', 'submit'] as const;

export class SubmissionsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: SUBMISSION_STATUSES })
  @IsOptional()
  @IsIn(SUBMISSION_STATUSES)
  status?: (typeof SUBMISSION_STATUSES)[number];

  @ApiPropertyOptional({ enum: SUBMISSION_KINDS })
  @IsOptional()
  @IsIn(SUBMISSION_KINDS)
  kind?: (typeof SUBMISSION_KINDS)[number];
}

export class CommitRegradeDto {
  @ApiProperty({ description: 'The previewId of the preview being committed', example: 'c0ffee...' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'previewId must be the 64-hex-digit previewId of a preview' })
  previewId!: string;
}

/** `:course/:slug`: quiz ids contain one slash, so they take two path segments. */
export class QuizIdParams {
  @ApiProperty({ example: 'closures' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'course must be a kebab-case id' })
  course!: string;

  @ApiProperty({ example: 'make-counter' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be a kebab-case id' })
  slug!: string;
}

export function quizIdOf({ course, slug }: QuizIdParams): string {
  return `${course}/${slug}`;
}
