import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/pagination.dto.js';

export class QuizSummaryDto {
  @ApiProperty({ example: 'closures/make-counter' })
  id!: string;

  @ApiProperty({ example: 'Make a counter' })
  title!: string;

  @ApiProperty({ enum: ['quiz', 'exercise'] })
  kind!: 'quiz' | 'exercise';

  @ApiProperty({ example: 'closures' })
  course!: string;

  @ApiProperty({ description: 'Number of graded items (questions) in the current version' })
  itemCount!: number;
}

export class QuizSummaryPageDto extends PageOf(QuizSummaryDto) {}

export class CourseDto {
  @ApiProperty({ example: 'closures' })
  id!: string;

  @ApiProperty({ example: 'Python closures' })
  title!: string;

  @ApiProperty({ description: 'Markdown', example: 'Scopes, closures and what they are good for.' })
  description!: string;
}

export class CoursePageDto extends PageOf(CourseDto) {}
