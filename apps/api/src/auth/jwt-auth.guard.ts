import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_TOKEN_COOKIE, type AuthUser } from './auth-user.js';
import { IS_PUBLIC_KEY } from './auth.decorators.js';
import { AuthService } from './auth.service.js';

/** Bearer header first (API clients), then the httpOnly cookie (browsers). */
export function extractAccessToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
  }
  const cookie = (request.cookies as Record<string, unknown> | undefined)?.[ACCESS_TOKEN_COOKIE];
  return typeof cookie === 'string' && cookie ? cookie : undefined;
}

/** Global guard: every route needs a valid session unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = extractAccessToken(request);
    if (!token) throw new UnauthorizedException('Sign in first (Authorization: Bearer <token> or the access_token cookie)');
    request.user = await this.auth.authenticate(token);
    return true;
  }
}
