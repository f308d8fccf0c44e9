import { ConflictException, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { toPage, toSkipTake, type Page } from '../common/pagination.dto.js';
import { LtiPlatformsRepository } from './lti-platforms.repository.js';
import { LtiScoresRepository } from './lti-scores.repository.js';
import type { CreatePlatformDto, ScoreSendsQueryDto, UpdatePlatformDto } from './lti-admin.dto.js';
import type { PlatformRecord, ScoreSendRecord } from './lti.types.js';

/**
 * Platform registrations, and the origins allowed to frame PyQuiz's pages (the LMSs): kept in
 * memory and refreshed on every change, so the framing header costs no query per request.
 */
@Injectable()
export class LtiPlatformsService implements OnModuleInit {
  private origins: string[] = [];

  constructor(
    private readonly platforms: LtiPlatformsRepository,
    private readonly scores: LtiScoresRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refreshOrigins();
  }

  frameOrigins(): readonly string[] {
    return this.origins;
  }

  list(): Promise<PlatformRecord[]> {
    return this.platforms.list();
  }

  async create(input: CreatePlatformDto): Promise<PlatformRecord> {
    const existing = await this.platforms.findByIssuer(input.issuer);
    if (existing.some((p) => p.clientId === input.clientId)) {
      throw new ConflictException(`A platform with issuer ${input.issuer} and client id ${input.clientId} is already registered`);
    }
    const created = await this.platforms.create({ ...input, deploymentIds: unique(input.deploymentIds) });
    await this.refreshOrigins();
    return created;
  }

  async update(id: string, changes: UpdatePlatformDto): Promise<PlatformRecord> {
    const updated = await this.platforms.update(id, changes.deploymentIds ? { ...changes, deploymentIds: unique(changes.deploymentIds) } : changes);
    if (!updated) throw new NotFoundException(`No LTI platform ${id}`);
    await this.refreshOrigins();
    return updated;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.platforms.delete(id))) throw new NotFoundException(`No LTI platform ${id}`);
    await this.refreshOrigins();
  }

  classes(): ReturnType<LtiPlatformsRepository["classes"]> {
    return this.platforms.classes();
  }

  async scoreSends(query: ScoreSendsQueryDto): Promise<Page<ScoreSendRecord>> {
    const { skip, take } = toSkipTake(query);
    const [rows, total] = await Promise.all([this.scores.list(query.status, skip, take), this.scores.count(query.status)]);
    return toPage(rows, total, query);
  }

  async retryScoreSend(id: string, now = new Date()): Promise<ScoreSendRecord> {
    const row = await this.scores.retry(id, now);
    if (!row) throw new NotFoundException(`No unsent score ${id}`);
    return row;
  }

  private async refreshOrigins(): Promise<void> {
    const all = await this.platforms.list();
    this.origins = unique(all.flatMap((p) => [originOf(p.issuer), originOf(p.authLoginUrl)]).filter((o): o is string => o !== null));
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
