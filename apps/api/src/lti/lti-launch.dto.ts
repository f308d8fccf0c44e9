import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, MinLength } from 'class-validator';
import { UserDto } from '../users/user.dto.js';

export class LtiSessionRequestDto {
  @ApiProperty({ description: 'The one-time code of the launch redirect (`/#/lti/enter/<code>`)' })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  code!: string;
}

export class LtiSessionDto {
  @ApiProperty({ type: UserDto }) user!: UserDto;
  @ApiProperty({ description: 'Session token; also set as the cookie (an LMS iframe may drop the cookie, the page then sends this as Bearer)' }) accessToken!: string;
  @ApiProperty({ example: '/quiz/closures/make-counter', description: 'Page to open' }) target!: string;
  @ApiPropertyOptional({ description: 'Deep linking only: send it back with the chosen quizzes' }) deepLinkTicket?: string;
}

export class DeepLinkingRequestDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  // A signed ticket carrying the return URL (2 kB at most) and the LMS's data (8 kB at most, JSON-escaped).
  @MaxLength(32768)
  deepLinkTicket!: string;

  @ApiProperty({ type: [String], example: ['closures/make-counter'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'quizIds must name at least one quiz' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  quizIds!: string[];
}

export class DeepLinkingReplyDto {
  @ApiProperty({ description: "The LMS's deep_link_return_url" }) returnUrl!: string;
  @ApiProperty({ description: 'LtiDeepLinkingResponse, posted to returnUrl as the form field JWT' }) jwt!: string;
}
