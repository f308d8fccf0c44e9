import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { PageOf, PaginationQueryDto } from '../common/pagination.dto.js';
import { SCORE_STATUSES, type ScoreStatus } from './lti.types.js';

// require_tld off: a campus LMS may live at https://moodle/ or, in tests, http://127.0.0.1:port.
const URL_OPTIONS = { protocols: ['https', 'http'], require_protocol: true, require_tld: false };

export class CreatePlatformDto {
  @ApiProperty({ example: 'Moodle of Example University', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'https://moodle.example.edu', description: 'The `iss` of its id_tokens (Moodle: the site URL; Canvas: https://canvas.instructure.com)' })
  @IsUrl(URL_OPTIONS, { message: 'issuer must be an http(s) URL' })
  @MaxLength(500)
  issuer!: string;

  @ApiProperty({ example: 'aBc123', description: 'The client id the LMS gave PyQuiz' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  clientId!: string;

  @ApiProperty({ example: 'https://moodle.example.edu/mod/lti/auth.php', description: "The LMS's OIDC authorization (login) endpoint" })
  @IsUrl(URL_OPTIONS, { message: 'authLoginUrl must be an http(s) URL' })
  @MaxLength(500)
  authLoginUrl!: string;

  @ApiProperty({ example: 'https://moodle.example.edu/mod/lti/token.php' })
  @IsUrl(URL_OPTIONS, { message: 'tokenUrl must be an http(s) URL' })
  @MaxLength(500)
  tokenUrl!: string;

  @ApiProperty({ example: 'https://moodle.example.edu/mod/lti/certs.php' })
  @IsUrl(URL_OPTIONS, { message: 'jwksUrl must be an http(s) URL' })
  @MaxLength(500)
  jwksUrl!: string;

  @ApiProperty({ type: [String], example: ['1'], description: 'Deployment ids accepted from this LMS' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  deploymentIds!: string[];
}

export class UpdatePlatformDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl(URL_OPTIONS, { message: 'authLoginUrl must be an http(s) URL' }) @MaxLength(500) authLoginUrl?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl(URL_OPTIONS, { message: 'tokenUrl must be an http(s) URL' }) @MaxLength(500) tokenUrl?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl(URL_OPTIONS, { message: 'jwksUrl must be an http(s) URL' }) @MaxLength(500) jwksUrl?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  deploymentIds?: string[];
}

export class ToolUrlsDto {
  @ApiProperty({ example: 'https://quiz.example.edu/api/lti/login' }) loginInitiationUrl!: string;
  @ApiProperty({ example: 'https://quiz.example.edu/api/lti/launch', description: 'Redirect URI and target link URI' }) launchUrl!: string;
  @ApiProperty({ example: 'https://quiz.example.edu/api/lti/launch' }) deepLinkingUrl!: string;
  @ApiProperty({ example: 'https://quiz.example.edu/api/lti/jwks', description: "PyQuiz's public keys (the LMS's 'Public keyset URL')" }) jwksUrl!: string;
}

export class PlatformDto extends CreatePlatformDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class ToolConfigDto {
  @ApiProperty({ type: ToolUrlsDto, description: 'What the LMS admin enters on their side' }) urls!: ToolUrlsDto;
  @ApiProperty({ type: [PlatformDto] }) platforms!: PlatformDto[];
}

export class RotatedKeyDto {
  @ApiProperty({ description: 'kid of the new signing key; the previous key stays published for 30 days' }) kid!: string;
}

export class ScoreSendDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty() lineItemUrl!: string;
  @ApiProperty({ description: 'LMS user id (sub)' }) sub!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() quizId!: string;
  @ApiProperty() scoreGiven!: number;
  @ApiProperty() scoreMaximum!: number;
  @ApiProperty({ enum: SCORE_STATUSES }) status!: ScoreStatus;
  @ApiProperty() tries!: number;
  @ApiProperty({ type: String, format: 'date-time' }) nextTryAt!: Date;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) sentAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class ScoreSendPageDto extends PageOf(ScoreSendDto) {}

export class ScoreSendsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: SCORE_STATUSES })
  @IsOptional()
  @IsIn(SCORE_STATUSES, { message: `status must be one of ${SCORE_STATUSES.join(', ')}` })
  status?: ScoreStatus;
}

export class LtiClassDto {
  @ApiProperty({ format: 'uuid', description: 'classId for GET /api/admin/dashboard/learners' }) id!: string;
  @ApiProperty({ example: 'Python 101' }) title!: string;
  @ApiProperty({ description: 'The LMS course id (LTI context id)' }) contextId!: string;
  @ApiProperty() platformName!: string;
  @ApiProperty() learners!: number;
}
