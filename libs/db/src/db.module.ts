import { Module } from '@nestjs/common';
import type { DynamicModule, InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import { createAdapter } from './database-adapter.js';
import type { DatabaseConfig } from './database-config.js';
import { DATABASE_ADAPTER, DATABASE_CONFIG, DB_MODULE_OPTIONS } from './db.tokens.js';
import { PrismaService, type PrismaServiceOptions } from './prisma.service.js';

export interface DbModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...args: never[]) => DatabaseConfig | Promise<DatabaseConfig>;
  options?: PrismaServiceOptions;
}

/**
 * Global module giving PrismaService (migrated and connected during app init) to every feature
 * module. `forRoot(resolveDatabaseConfig(process.env))`, or `forRootAsync` with ConfigService.
 */
@Module({})
export class DbModule {
  static forRoot(config: DatabaseConfig, options: PrismaServiceOptions = {}): DynamicModule {
    return DbModule.forRootAsync({ useFactory: () => config, options });
  }

  static forRootAsync(async: DbModuleAsyncOptions): DynamicModule {
    return {
      module: DbModule,
      global: true,
      imports: async.imports ?? [],
      providers: [
        { provide: DATABASE_CONFIG, inject: async.inject ?? [], useFactory: async.useFactory },
        { provide: DATABASE_ADAPTER, inject: [DATABASE_CONFIG], useFactory: createAdapter },
        { provide: DB_MODULE_OPTIONS, useValue: async.options ?? {} },
        PrismaService,
      ],
      exports: [PrismaService, DATABASE_CONFIG, DATABASE_ADAPTER],
    };
  }
}
