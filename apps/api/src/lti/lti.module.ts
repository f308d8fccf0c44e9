import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DeepLinkingResponse } from './deep-linking-response.use-case.js';
import { Launch } from './launch.use-case.js';
import { LtiAdminController } from './lti-admin.controller.js';
import { LtiLaunchController } from './lti-launch.controller.js';
import { LtiLaunchRepository } from './lti-launch.repository.js';
import { LtiLoginThrottleGuard } from './lti-login-throttle.guard.js';
import { LtiOutboxModule } from './lti-outbox.module.js';
import { LtiPlatformsRepository } from './lti-platforms.repository.js';
import { LtiPlatformsService } from './lti-platforms.service.js';
import { LtiSession } from './lti-session.use-case.js';
import { OidcLogin } from './oidc-login.use-case.js';
import { PlatformTokens } from './platform-tokens.js';
import { ScoreSender } from './score-sender.js';
import { ToolKeys } from './tool-keys.js';

/** LTI 1.3: platform registration, launch, deep linking, and the gradebook sends. */
@Module({
  imports: [AuthModule, LtiOutboxModule],
  controllers: [LtiLaunchController, LtiAdminController],
  providers: [LtiLoginThrottleGuard, ToolKeys, LtiPlatformsRepository, LtiLaunchRepository, LtiPlatformsService, PlatformTokens, OidcLogin, Launch, LtiSession, DeepLinkingResponse, ScoreSender],
  exports: [LtiPlatformsService, ScoreSender, ToolKeys],
})
export class LtiModule {}
