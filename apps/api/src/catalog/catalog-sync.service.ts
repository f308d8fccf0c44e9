import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatSpecError, loadExercises, type Placement } from '@app/quiz-spec';
import { Environment } from '@app/config';
import { CatalogRepository } from './catalog.repository.js';

export interface SyncReport {
  created: number;
  unchanged: number;
  failedFiles: string[];
}

/** Loads `exercises/` into the database at start: a changed file becomes a new quiz version. */
@Injectable()
export class CatalogSyncService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Catalog');

  constructor(
    private readonly env: Environment,
    private readonly repository: CatalogRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync();
  }

  async sync(): Promise<SyncReport> {
    const { items, errors, failedFiles } = await loadExercises(this.env.EXERCISES_DIR);
    for (const error of errors) this.logger.warn(`Skipped invalid content: ${formatSpecError(error)}`);
    const report: SyncReport = { created: 0, unchanged: 0, failedFiles };
    const placements = new Map<string, Map<string, Placement>>();
    for (const { file, hash, item, placement } of items) {
      const course = path.basename(path.dirname(file));
      const outcome = await this.repository.saveVersion({ item, course, hash, sourceYaml: await readFile(file, 'utf8') });
      report[outcome]++;
      if (!placements.has(course)) placements.set(course, new Map());
      if (placement) placements.get(course)!.set(item.id, placement);
    }
    for (const [course, placed] of placements) await this.repository.placeCourse(course, placed);
    this.logger.log(
      `Loaded ${items.length} quizzes and exercises from ${this.env.EXERCISES_DIR}: ${report.created} new versions, ` +
        `${report.unchanged} unchanged, ${failedFiles.length} files skipped`,
    );
    return report;
  }
}
