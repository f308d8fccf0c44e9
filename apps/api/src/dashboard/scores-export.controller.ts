import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { ScoresExportService } from './scores-export.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@ApiCookieAuth('access_token')
@Roles('admin')
@Controller('admin/quizzes')
export class ScoresExportController {
  constructor(private readonly scores: ScoresExportService) {}

  /** Quiz ids are `course/slug`, so the id takes two path segments. */
  @Get(':course/:slug/scores.csv')
  @ApiOperation({ summary: 'Scores of a quiz as CSV: one row per learner' })
  @ApiParam({ name: 'course', example: 'closures' })
  @ApiParam({ name: 'slug', example: 'make-counter' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Columns: email, name, attempts, best_score, max_score, last_submitted_at (sent as an attachment)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(401, 403, 404)
  async export(@Param('course') course: string, @Param('slug') slug: string): Promise<StreamableFile> {
    const file = await this.scores.export(`${course}/${slug}`);
    return new StreamableFile(Buffer.from(file.content, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
