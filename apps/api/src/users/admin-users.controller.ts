import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { ChangeRoleDto, UserDto, UserPageDto, UsersQueryDto } from './user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@ApiCookieAuth('access_token')
@Roles('admin')
@ApiErrors(401, 403)
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPageDto, description: 'Users, oldest first; `q` keeps those whose email or name contains it' })
  @ApiErrors(400)
  list(@Query() query: UsersQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Patch(':id/role')
  @ApiOkResponse({ type: UserDto, description: 'The user with the new role' })
  @ApiErrors(400, 404, 409)
  changeRole(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ChangeRoleDto): Promise<UserDto> {
    return this.users.changeRole(id, body.role);
  }
}
