import { ConflictException, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InMemoryUsersRepository } from './testing/in-memory-users.repository.js';
import { UsersService } from './users.service.js';

async function seed(repository: InMemoryUsersRepository, count: number) {
  for (let i = 0; i < count; i += 1) {
    await repository.create({ email: `user${i}@example.org`, passwordHash: 'secret-hash', displayName: `User ${i}`, role: 'learner' });
  }
}

describe(UsersService.name, () => {
  it('pages users oldest first with the total, and never exposes hashes', async () => {
    const repository = new InMemoryUsersRepository();
    await seed(repository, 5);
    const service = new UsersService(repository.asRepository());
    const page = await service.list({ page: 2, pageSize: 2 });
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.items.map((user) => user.email)).toEqual(['user2@example.org', 'user3@example.org']);
    expect(JSON.stringify(page)).not.toContain('secret-hash');
    expect((await service.list({ page: 4, pageSize: 2 })).items).toEqual([]);
  });

  it('finds users by part of their email or name, any case, and counts only those', async () => {
    const repository = new InMemoryUsersRepository();
    await seed(repository, 12);
    const service = new UsersService(repository.asRepository());
    const found = await service.list({ page: 1, pageSize: 20, q: ' USER1 ' });
    expect(found.items.map((user) => user.email)).toEqual(['user1@example.org', 'user10@example.org', 'user11@example.org']);
    expect(found.total).toBe(3);
    expect((await service.list({ page: 1, pageSize: 20, q: '' })).total).toBe(12);
  });

  it('makes a learner an instructor', async () => {
    const repository = new InMemoryUsersRepository();
    await seed(repository, 1);
    const [learner] = repository.rows.values();
    const updated = await new UsersService(repository.asRepository()).changeRole(learner.id, 'instructor');
    expect(updated).toMatchObject({ id: learner.id, role: 'instructor' });
    expect(updated).not.toHaveProperty('passwordHash');
  });

  it('answers 404 for an unknown user', async () => {
    const service = new UsersService(new InMemoryUsersRepository().asRepository());
    await expect(service.changeRole(randomUUID(), 'admin')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('refuses to demote the last admin but allows it once another admin exists', async () => {
    const repository = new InMemoryUsersRepository();
    const service = new UsersService(repository.asRepository());
    const first = await repository.create({ email: 'a@example.org', passwordHash: 'x', displayName: 'A', role: 'admin' });
    await expect(service.changeRole(first.id, 'learner')).rejects.toBeInstanceOf(ConflictException);
    const second = await repository.create({ email: 'b@example.org', passwordHash: 'x', displayName: 'B', role: 'learner' });
    await service.changeRole(second.id, 'admin');
    expect((await service.changeRole(first.id, 'learner')).role).toBe('learner');
  });
});
