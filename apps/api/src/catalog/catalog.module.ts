import { Module } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository.js';
import { CatalogSyncService } from './catalog-sync.service.js';
import { CoursesController, QuizzesController } from './quizzes.controller.js';

@Module({
  controllers: [QuizzesController, CoursesController],
  providers: [CatalogRepository, CatalogSyncService],
  exports: [CatalogRepository, CatalogSyncService],
})
export class CatalogModule {}
