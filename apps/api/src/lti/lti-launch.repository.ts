import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUniqueViolation, PrismaService, type Prisma } from '@app/db';
import type { UserRecord } from '../users/user.types.js';
import type { DeepLinkSettings, LaunchCodeRecord, LmsContext, LmsPerson, LoginStateRecord } from './lti.types.js';

type Db = Prisma.TransactionClient;

export interface QuizRef {
  id: string;
  title: string;
  published: boolean;
  maxScore: number;
}

/** LTI logins in flight, one-time launch codes, linked accounts, LMS courses and grade links. */
@Injectable()
export class LtiLaunchRepository {
  constructor(private readonly prisma: PrismaService) {}

  async saveLoginState(state: LoginStateRecord): Promise<void> {
    await this.prisma.ltiLoginState.create({ data: state });
  }

  /**
   * Deletes and returns the login: the delete is the "used once" of both state and nonce, so two
   * launches racing with one state cannot both get it. Expired rows of other logins go too.
   */
  async takeLoginState(state: string, now: Date): Promise<LoginStateRecord | null> {
    await this.prisma.ltiLoginState.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 3600_000) } } });
    const rows = await this.prisma.ltiLoginState.findMany({ where: { state } });
    const { count } = await this.prisma.ltiLoginState.deleteMany({ where: { state } });
    return count === 1 ? rows[0]! : null;
  }

  async saveLaunchCode(code: string, record: LaunchCodeRecord): Promise<void> {
    const { deepLink, ...rest } = record;
    // Codes never exchanged (a closed tab) go an hour after they expired.
    await this.prisma.ltiLaunchCode.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 3600_000) } } });
    await this.prisma.ltiLaunchCode.create({ data: { codeHash: hashCode(code), ...rest, deepLink: deepLink ? { ...deepLink } : undefined } });
  }

  /** Deletes and returns the code's launch: exchanged once, whatever happens next. */
  async takeLaunchCode(code: string): Promise<LaunchCodeRecord | null> {
    const codeHash = hashCode(code);
    const row = await this.prisma.ltiLaunchCode.findUnique({ where: { codeHash } });
    const { count } = await this.prisma.ltiLaunchCode.deleteMany({ where: { codeHash } });
    if (!row || count !== 1) return null;
    return { userId: row.userId, target: row.target, expiresAt: row.expiresAt, deepLink: (row.deepLink as DeepLinkSettings | null) ?? null };
  }

  /**
   * The PyQuiz user of an LMS user (issuer + sub), created on the first launch as a learner. Name
   * and email follow the LMS; the email only when no other account holds it. An LMS role never
   * changes the PyQuiz role: PyQuiz's instructor role is global (it edits every quiz), and an LMS
   * teaching role in any course (a student's sandbox course, a TA elsewhere) made a learner an
   * instructor who rewrote the answer key of the quiz they take (red team redlti). The course
   * role is kept per course (joinContext); an admin grants the PyQuiz role.
   */
  async linkAccount(person: LmsPerson): Promise<UserRecord> {
    try {
      return await this.linkOnce(person);
    } catch (error) {
      // Two first launches of one LMS user at once (two tabs): the loser finds the winner's account.
      if (isUniqueViolation(error)) return this.linkOnce(person);
      throw error;
    }
  }

  private linkOnce(person: LmsPerson): Promise<UserRecord> {
    return this.prisma.$transaction(async (tx) => {
      const account = await tx.ltiAccount.findUnique({ where: { issuer_sub: { issuer: person.issuer, sub: person.sub } }, include: { user: true } });
      if (!account) return this.createLinkedUser(person, tx);
      const user = account.user;
      const email = person.email && person.email !== user.email && !(await tx.user.findUnique({ where: { email: person.email } })) ? person.email : user.email;
      await tx.ltiAccount.update({ where: { issuer_sub: { issuer: person.issuer, sub: person.sub } }, data: { email: person.email ?? null } });
      return tx.user.update({ where: { id: user.id }, data: { email, displayName: person.name ?? user.displayName } });
    });
  }

  private async createLinkedUser(person: LmsPerson, tx: Db): Promise<UserRecord> {
    const taken = person.email ? await tx.user.findUnique({ where: { email: person.email } }) : null;
    const email = person.email && !taken ? person.email : syntheticEmail(person);
    // No password: an empty hash never verifies (PasswordHasher.verify), so this account signs in only through its LMS.
    const user = await tx.user.create({ data: { email, passwordHash: '', displayName: person.name ?? 'LMS user', role: 'learner' } });
    await tx.ltiAccount.create({ data: { issuer: person.issuer, sub: person.sub, userId: user.id, email: person.email ?? null } });
    return user;
  }

  async joinContext(context: LmsContext, userId: string, role: 'learner' | 'instructor'): Promise<string> {
    const row = await this.prisma.ltiContext.upsert({
      where: { platformId_contextId: { platformId: context.platformId, contextId: context.contextId } },
      create: context,
      update: { title: context.title },
    });
    await this.prisma.ltiContextMember.upsert({
      where: { contextId_userId: { contextId: row.id, userId } },
      create: { contextId: row.id, userId, role },
      update: { role },
    });
    return row.id;
  }

  async saveGradeLink(link: { platformId: string; userId: string; quizId: string; sub: string; lineItemUrl: string }): Promise<void> {
    await this.prisma.ltiGradeLink.upsert({
      where: { userId_quizId_lineItemUrl: { userId: link.userId, quizId: link.quizId, lineItemUrl: link.lineItemUrl } },
      create: link,
      update: { sub: link.sub, platformId: link.platformId },
    });
  }

  /** The quizzes by id, with the points of their current version (a line item's maximum). */
  async findQuizzes(ids: string[]): Promise<QuizRef[]> {
    const rows = await this.prisma.quiz.findMany({
      where: { id: { in: ids } },
      select: { id: true, title: true, published: true, currentVersion: { select: { questions: { select: { points: true } } } } },
    });
    return rows.map((q) => ({ id: q.id, title: q.title, published: q.published, maxScore: (q.currentVersion?.questions ?? []).reduce((sum, x) => sum + x.points, 0) }));
  }

  /** Ids of the members of an LMS course holding `role`. */
  async contextMembers(contextId: string, role: 'learner' | 'instructor'): Promise<string[]> {
    const rows = await this.prisma.ltiContextMember.findMany({ where: { contextId, role }, select: { userId: true } });
    return rows.map((r) => r.userId);
  }
}

/** Codes are stored hashed: a database read alone does not hand out sessions. */
function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

function syntheticEmail(person: LmsPerson): string {
  const id = createHash('sha256').update(`${person.issuer}\n${person.sub}`).digest('hex').slice(0, 20);
  return `lti-${id}@lti.invalid`;
}
