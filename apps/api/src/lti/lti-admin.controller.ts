import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Environment } from '@app/config';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { CreatePlatformDto, LtiClassDto, PlatformDto, RotatedKeyDto, ScoreSendDto, ScoreSendPageDto, ScoreSendsQueryDto, ToolConfigDto, UpdatePlatformDto } from './lti-admin.dto.js';
import { LtiPlatformsService } from './lti-platforms.service.js';
import { publicOrigin, toolUrls } from './lti-urls.js';
import { ScoreSender } from './score-sender.js';
import { ToolKeys } from './tool-keys.js';

@ApiTags('admin')
@ApiBearerAuth()
@ApiCookieAuth('access_token')
@Roles('admin')
@ApiErrors(401, 403)
@Controller('admin/lti')
export class LtiAdminController {
  constructor(
    private readonly platforms: LtiPlatformsService,
    private readonly keys: ToolKeys,
    private readonly sender: ScoreSender,
    private readonly env: Environment,
  ) {}

  @Get()
  @ApiOkResponse({ type: ToolConfigDto, description: 'The URLs to enter in the LMS, and the registered platforms' })
  async config(@Req() request: Request): Promise<ToolConfigDto> {
    return { urls: toolUrls(publicOrigin(this.env, request)), platforms: await this.platforms.list() };
  }

  @Post('platforms')
  @ApiCreatedResponse({ type: PlatformDto })
  @ApiErrors(400, 409)
  create(@Body() body: CreatePlatformDto): Promise<PlatformDto> {
    return this.platforms.create(body);
  }

  @Patch('platforms/:id')
  @ApiOkResponse({ type: PlatformDto })
  @ApiErrors(400, 404)
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdatePlatformDto): Promise<PlatformDto> {
    return this.platforms.update(id, body);
  }

  @Delete('platforms/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed, with its courses, grade links and unsent scores' })
  @ApiErrors(404)
  delete(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.platforms.delete(id);
  }

  @Post('keys/rotate')
  @ApiCreatedResponse({ type: RotatedKeyDto })
  async rotate(): Promise<RotatedKeyDto> {
    return { kid: await this.keys.rotate() };
  }

  @Get('classes')
  @ApiOkResponse({ type: [LtiClassDto], description: 'LMS courses seen in launches (at most 500), to narrow the learners dashboard to one' })
  classes(): Promise<LtiClassDto[]> {
    return this.platforms.classes();
  }

  @Get('scores')
  @ApiOkResponse({ type: ScoreSendPageDto, description: 'Score sends to LMS gradebooks, newest first' })
  @ApiErrors(400)
  scores(@Query() query: ScoreSendsQueryDto): Promise<ScoreSendPageDto> {
    return this.platforms.scoreSends(query);
  }

  @Post('scores/:id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ScoreSendDto, description: 'Pending again, sent at the next round' })
  @ApiErrors(404)
  async retry(@Param('id', new ParseUUIDPipe()) id: string): Promise<ScoreSendDto> {
    const send = await this.platforms.retryScoreSend(id);
    this.sender.kick();
    return send;
  }
}
