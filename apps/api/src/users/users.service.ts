import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { toPage, toSkipTake, type Page, type PaginationQueryDto } from '../common/pagination.dto.js';
import { toPublicUser, type PublicUser, type Role } from './user.types.js';
import { UsersRepository } from './users.repository.js';

/** User management rules (admin side). Registration and login live in AuthService. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async list(query: PaginationQueryDto & { q?: string }): Promise<Page<PublicUser>> {
    const { skip, take } = toSkipTake(query);
    const search = query.q?.trim() || undefined;
    const [rows, total] = await Promise.all([this.users.list(skip, take, search), this.users.count(search)]);
    return toPage(rows.map(toPublicUser), total, query);
  }

  /** Changes a role; refuses to demote the last admin, which would lock everyone out of admin routes. */
  async changeRole(id: string, role: Role): Promise<PublicUser> {
    const current = await this.users.findById(id);
    if (!current) throw new NotFoundException(`User ${id} not found`);
    if (current.role === 'admin' && role !== 'admin' && (await this.users.countByRole('admin')) <= 1) {
      throw new ConflictException('Cannot demote the last admin; promote another admin first');
    }
    const updated = await this.users.updateRole(id, role);
    if (!updated) throw new NotFoundException(`User ${id} not found`);
    return toPublicUser(updated);
  }
}
