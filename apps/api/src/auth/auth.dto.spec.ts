import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RegisterDto } from './auth.dto.js';

async function failingFields(body: Record<string, unknown>): Promise<string[]> {
  const errors = await validate(plainToInstance(RegisterDto, body));
  return errors.map((error) => error.property).sort();
}

describe(RegisterDto.name, () => {
  const valid = { email: 'ada@example.org', password: 'correct horse battery', displayName: 'Ada' };

  it('accepts a valid registration', async () => {
    expect(await failingFields(valid)).toEqual([]);
  });

  it('refuses a password longer than bcrypt reads (72 bytes), counting UTF-8 bytes not characters', async () => {
    expect(await failingFields({ ...valid, password: 'a'.repeat(72) })).toEqual([]);
    expect(await failingFields({ ...valid, password: 'a'.repeat(73) })).toEqual(['password']);
    expect(await failingFields({ ...valid, password: '🔑'.repeat(19) })).toEqual(['password']);
  });

  it('refuses a display name made only of spaces', async () => {
    expect(await failingFields({ ...valid, displayName: '   ' })).toEqual(['displayName']);
  });
});
