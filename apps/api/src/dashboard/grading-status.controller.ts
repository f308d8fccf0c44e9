import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { GradingStatusDto } from './grading-status.dto.js';
import { GradingStatusService } from './grading-status.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@ApiCookieAuth('access_token')
@Roles('admin')
@ApiErrors(401, 403)
@Controller('admin/grading')
export class GradingStatusController {
  constructor(private readonly gradingStatus: GradingStatusService) {}

  @Get()
  @ApiOperation({ summary: 'Grader pool health, in-process queue and stored submissions per status' })
  @ApiOkResponse({ type: GradingStatusDto })
  status(): Promise<GradingStatusDto> {
    return this.gradingStatus.status();
  }
}
