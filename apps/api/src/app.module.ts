import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { DbModule, resolveDatabaseConfig } from '@app/db';
import { Environment } from '@app/config';
import { CatalogModule } from './catalog/catalog.module.js';
import { GradingModule } from './grading/grading.module.js';
import { HealthModule } from './health/health.module.js';
import { LearnerModule } from './attempts/learner.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthoringModule } from './authoring/authoring.module.js';
import { UsersModule } from './users/users.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { LtiModule } from './lti/lti.module.js';
import { ExamsModule } from './exams/exams.module.js';
import { WebModule } from './web/web.module.js';

/**
 * The root module. `register(env)` receives the environment validated in main.ts (or a test's
 * own), provided under the `Environment` class token so services inject it by type.
 */
@Module({})
export class AppModule {
  static register(env: Environment): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...env })] }),
        DbModule.forRoot(resolveDatabaseConfig(env)),
        GradingModule,
        CatalogModule,
        HealthModule,
        UsersModule,
        AuthModule,
        AuthoringModule,
        LearnerModule,
        DashboardModule,
        LtiModule,
        ExamsModule,
        WebModule,
      ],
      providers: [{ provide: Environment, useValue: env }],
      exports: [Environment],
    };
  }
}
