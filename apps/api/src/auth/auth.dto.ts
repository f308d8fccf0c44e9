import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { UserDto } from '../users/user.dto.js';

export const BCRYPT_MAX_BYTES = 72;

/** bcrypt ignores bytes past 72, and one character may take up to 4 bytes in UTF-8. */
function MaxUtf8Bytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxUtf8Bytes',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= max,
        defaultMessage: () => `$property must be at most ${max} bytes long in UTF-8`,
      },
    },
    options,
  );
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.org', maxLength: 254 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, description: 'At most 72 bytes in UTF-8 (bcrypt limit)', example: 'correct horse battery' })
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters long' })
  // Refuse rather than let bcrypt silently ignore the end of the password.
  @MaxUtf8Bytes(BCRYPT_MAX_BYTES)
  password!: string;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'displayName must not be empty' })
  @MaxLength(100)
  displayName!: string;
}

export class LoginDto {
  @ApiProperty({ example: 'ada@example.org' })
  // No top-level domain required: the first admin is admin@localhost unless ADMIN_EMAIL says otherwise.
  @IsEmail({ require_tld: false }, { message: 'email must be an email address' })
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
