import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { AllExceptionsFilter } from './all-exceptions.filter.js';

/** What the filter sends back for `exception`: status, headers and body. */
function answer(exception: unknown) {
  const headers: Record<string, string> = {};
  const sent: { status?: number; body?: Record<string, unknown> } = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: Record<string, unknown>) => (sent.body = body),
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1', method: 'POST', url: '/api/auth/register' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return { ...sent, headers };
}

/** A Prisma error as the driver adapters raise it, carrying the database's SQLSTATE. */
function prismaError(sqlState: string, message: string) {
  return Object.assign(new Error(message), {
    name: 'PrismaClientKnownRequestError',
    code: 'P2039',
    meta: { driverAdapterError: { cause: { originalCode: sqlState, originalMessage: message, kind: 'postgres' } } },
  });
}

describe(AllExceptionsFilter.name, () => {
  beforeAll(() => Logger.overrideLogger(false)); // the filter logs every 5xx

  it('answers a full disk (SQLSTATE 53100) with 507, Retry-After and a readable message', () => {
    const sent = answer(prismaError('53100', 'DATA_DIR /data has no space left on device (ENOSPC): 16 KB free'));
    expect(sent.status).toBe(507);
    expect(sent.headers['retry-after']).toBe('60');
    expect(sent.body).toMatchObject({ statusCode: 507, error: 'Insufficient Storage', message: expect.stringMatching(/disk is full/), requestId: 'req-1' });
  });

  it('answers a raw driver error with SQLSTATE 53100 the same way', () => {
    expect(answer(Object.assign(new Error('could not extend file'), { code: '53100' })).status).toBe(507);
  });

  it('answers an embedded database being reopened (57P03) with 503 and Retry-After', () => {
    const sent = answer(prismaError('57P03', 'the embedded database stopped (PANIC: ...) and is being reopened'));
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
  });

  it('still answers an unknown error with a 500 that reveals nothing', () => {
    const sent = answer(new Error('secret internals'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret');
  });
});
