export { ApiErrors, ErrorBodyDto } from './api-errors.decorator.js';
export { ACCESS_TOKEN_COOKIE, type AuthUser } from './auth-user.js';
export { CurrentUser, Public, Roles } from './auth.decorators.js';
export { AuthModule } from './auth.module.js';
export { ROLES, type Role } from '../users/user.types.js';
