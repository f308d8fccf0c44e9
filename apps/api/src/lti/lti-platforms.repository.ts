import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { NewPlatform, PlatformRecord } from './lti.types.js';

/** The only class that touches `lti_platforms`. */
@Injectable()
export class LtiPlatformsRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(): Promise<PlatformRecord[]> {
    return this.prisma.ltiPlatform.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  findById(id: string): Promise<PlatformRecord | null> {
    return this.prisma.ltiPlatform.findUnique({ where: { id } });
  }

  findByIssuer(issuer: string): Promise<PlatformRecord[]> {
    return this.prisma.ltiPlatform.findMany({ where: { issuer }, orderBy: { createdAt: 'asc' } });
  }

  create(platform: NewPlatform): Promise<PlatformRecord> {
    return this.prisma.ltiPlatform.create({ data: platform });
  }

  /** Null when no platform has this id. */
  async update(id: string, changes: Partial<NewPlatform>): Promise<PlatformRecord | null> {
    const { count } = await this.prisma.ltiPlatform.updateMany({ where: { id }, data: changes });
    return count === 0 ? null : this.findById(id);
  }

  /** LMS courses seen in launches, with their learner counts (the dashboard's class filter). */
  async classes(): Promise<{ id: string; title: string; contextId: string; platformName: string; learners: number }[]> {
    const rows = await this.prisma.ltiContext.findMany({
      orderBy: [{ title: 'asc' }, { id: 'asc' }],
      take: 500,
      select: { id: true, title: true, contextId: true, platform: { select: { name: true } }, _count: { select: { members: { where: { role: 'learner' } } } } },
    });
    return rows.map((r) => ({ id: r.id, title: r.title, contextId: r.contextId, platformName: r.platform.name, learners: r._count.members }));
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.ltiPlatform.deleteMany({ where: { id } });
    return count === 1;
  }
}
