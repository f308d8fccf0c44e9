import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { UserDto } from '../users/user.dto.js';

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.org', maxLength: 254 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 72, example: 'correct horse battery' })
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters long' })
  // bcrypt ignores bytes past 72: refuse rather than silently truncate.
  @MaxLength(72, { message: 'password must be at most 72 characters long' })
  password!: string;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 100 })
  @IsString()
  @IsNotEmpty({ message: 'displayName must not be empty' })
  @MaxLength(100)
  displayName!: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ada@example.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @IsNotEmpty({ message: 'password must not be empty' })
  @MaxLength(200)
  password!: string;
}

export class AuthResponseDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ description: 'JWT for `Authorization: Bearer`; also set as the httpOnly access_token cookie (12 h)' })
  accessToken!: string;
}

export class MeDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;
}
