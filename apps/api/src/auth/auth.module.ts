import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { Environment } from '@app/config';
import { UsersModule } from '../users/users.module.js';
import { ACCESS_TOKEN_TTL_SECONDS } from './auth-user.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { ADMIN_ANNOUNCER, FirstAdminService, stdoutAnnouncer } from './first-admin.service.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { LoginThrottleGuard } from './login-throttle.guard.js';
import { PasswordHasher } from './password-hasher.js';
import { RegistrationThrottleGuard } from './registration-throttle.guard.js';
import { RolesGuard } from './roles.guard.js';
import { SessionsRepository } from './sessions.repository.js';

/**
 * Sessions and role checks for the whole app. Registers JwtAuthGuard then RolesGuard as global
 * guards (in this order), so every route of every module needs a session unless @Public().
 */
@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [Environment],
      useFactory: async (env: Environment) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
        // PEM public key on every verify and sign (a thrown error, ~1 ms of CPU per request).
        secret: createSecretKey(Buffer.from(await resolveJwtSecret(env.JWT_SECRET, env.DATA_DIR))),
        signOptions: { expiresIn: ACCESS_TOKEN_TTL_SECONDS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsRepository,
    PasswordHasher,
    FirstAdminService,
    LoginThrottleGuard,
    RegistrationThrottleGuard,
    { provide: ADMIN_ANNOUNCER, useValue: stdoutAnnouncer },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
