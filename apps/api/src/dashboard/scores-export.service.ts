import { Injectable, NotFoundException } from '@nestjs/common';
import { ScoresExportRepository } from './scores-export.repository.js';
import { scoresFileName, toScoresCsv } from './scores-csv.js';

export interface CsvFile {
  fileName: string;
  content: string;
}

@Injectable()
export class ScoresExportService {
  constructor(private readonly repository: ScoresExportRepository) {}

  async export(quizId: string): Promise<CsvFile> {
    if (!(await this.repository.quizExists(quizId))) throw new NotFoundException(`No quiz with id ${quizId}`);
    return { fileName: scoresFileName(quizId), content: toScoresCsv(await this.repository.scores(quizId)) };
  }
}
