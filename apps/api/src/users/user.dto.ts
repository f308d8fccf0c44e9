import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf, PaginationQueryDto } from '../common/pagination.dto.js';
import { ROLES, type Role } from './user.types.js';

/** A user as the API shows it (never the password hash). */
export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ada@example.org' })
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class UserPageDto extends PageOf(UserDto) {}

/** `?q=` finds users whose email or name contains it (any case), for the admin's Users page. */
export class UsersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Part of an email address or name, any case', maxLength: 200, example: 'ada' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES, example: 'instructor' })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;
}
