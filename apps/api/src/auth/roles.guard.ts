import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../users/user.types.js';
import type { AuthUser } from './auth-user.js';
import { ROLES_KEY } from './auth.decorators.js';

/** Global guard after JwtAuthGuard: enforces @Roles(...). Roles are explicit (admin is not implied). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles || roles.length === 0) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) throw new UnauthorizedException('Sign in first');
    if (!roles.includes(user.role)) throw new ForbiddenException(`This route requires the role ${roles.join(' or ')}`);
    return true;
  }
}
