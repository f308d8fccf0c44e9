import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** Ids that are not UUIDs cannot exist: 404 like any unknown id, rather than a database error. */
export const ParseIdOr404 = (what: string): ParseUUIDPipe =>
  new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException(`No ${what} with this id`) });
