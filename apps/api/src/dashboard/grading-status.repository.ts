import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { GradingStatus } from '@app/contracts';

/** Stored submissions as the grading queue sees them. */
@Injectable()
export class GradingStatusRepository {
  constructor(private readonly prisma: PrismaService) {}

  async countByStatus(): Promise<GradingStatus['submissions']> {
    const groups = await this.prisma.submission.groupBy({ by: ['status'], _count: { _all: true } });
    const counts = { pending: 0, grading: 0, graded: 0, error: 0 };
    for (const group of groups) counts[group.status] = group._count._all;
    return counts;
  }

  async oldestUnfinishedAt(): Promise<Date | null> {
    const oldest = await this.prisma.submission.findFirst({
      where: { status: { in: ['pending', 'grading'] } },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    });
    return oldest?.createdAt ?? null;
  }
}
