import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { errorName, type ErrorBody } from './error-body.js';

interface PrismaLikeError {
  name: string;
  code?: string;
  meta?: { target?: unknown; modelName?: string; driverAdapterError?: unknown };
}

/** Prisma error codes that mean "the database is not reachable right now" rather than a bug. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

/**
 * PostgreSQL SQLSTATEs that a driver adapter passes through (Prisma P2039/P2010) when the server
 * goes away: connection exceptions (class 08), shutdown or restart in progress (57P01-57P03), too
 * many connections (53300). Seen when PostgreSQL restarts under load.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/**
 * SQLSTATE 53100: the database's disk is full. PostgreSQL sends it when a table cannot grow; the
 * embedded database sends it itself while DATA_DIR is nearly full (libs/db/src/embedded-disk.ts).
 * A condition of the server that passes once space is freed, not a bug: 507 with Retry-After.
 */
const DISK_FULL = '53100';

function sqlState(error: PrismaLikeError): string | undefined {
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause;
  return typeof cause?.originalCode === 'string' ? cause.originalCode : undefined;
}

function isDiskFull(error: unknown): boolean {
  if (isPrismaError(error)) return sqlState(error) === DISK_FULL;
  return (error as { code?: unknown } | null)?.code === DISK_FULL;
}

/** The database's own words (they name DATA_DIR and the free space), for the log only. */
function databaseMessage(error: unknown): string {
  const cause = ((error as PrismaLikeError).meta?.driverAdapterError as { cause?: { originalMessage?: unknown } } | undefined)?.cause;
  const message = cause?.originalMessage ?? (error as { message?: unknown } | null)?.message;
  return String(message).split('\n')[0];
}

/**
 * Errors of the `pg` driver itself that escape Prisma's wrapping (seen inside interactive
 * transactions while PostgreSQL restarts): a lost or refused connection, not a bug.
 */
function isConnectionLoss(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code))) return true;
  return typeof message === 'string' && /Connection terminated|is not queryable|Connection refused/i.test(message);
}

function isPrismaError(error: unknown): error is PrismaLikeError {
  return typeof error === 'object' && error !== null && String((error as Error).name).startsWith('PrismaClient');
}

/** Maps anything thrown to `{ statusCode, error, message, details?, requestId }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const requestId = String(request.id ?? '');
    const body = { ...this.describe(exception, request), requestId };
    if (body.statusCode === HttpStatus.INSUFFICIENT_STORAGE) {
      // expected while the disk is full, once per refused request: one line, no stack
      this.logger.warn(`${request.method} ${request.url} -> 507 [${requestId}]: ${databaseMessage(exception)}`);
    } else if (body.statusCode >= 500) {
      this.logger.error(`${request.method} ${request.url} -> ${body.statusCode} [${requestId}]`, (exception as Error)?.stack);
    }
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '5');
    if (body.statusCode === HttpStatus.INSUFFICIENT_STORAGE) response.setHeader('Retry-After', '60');
    response.status(body.statusCode).json(body);
  }

  private describe(exception: unknown, request: Request): Omit<ErrorBody, 'requestId'> {
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    if (isDiskFull(exception)) {
      return { statusCode: 507, error: 'Insufficient Storage', message: "The server's disk is full, so changes cannot be saved right now (reading still works); retry later" };
    }
    if (isPrismaError(exception)) return this.fromPrisma(exception);
    if (isConnectionLoss(exception)) {
      return { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable; retry shortly' };
    }
    if (isBodyParserError(exception)) {
      const status = exception.status;
      return { statusCode: status, error: errorName(status), message: exception.message };
    }
    void request;
    return { statusCode: 500, error: 'Internal Server Error', message: 'An unexpected error occurred' };
  }

  private fromHttpException(exception: HttpException): Omit<ErrorBody, 'requestId'> {
    const statusCode = exception.getStatus();
    const payload = exception.getResponse();
    if (typeof payload === 'string') return { statusCode, error: errorName(statusCode), message: payload };
    const { message, details, error } = payload as { message?: unknown; details?: unknown; error?: string };
    const text = Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
    return { statusCode, error: error ?? errorName(statusCode), message: text, ...(details === undefined ? {} : { details }) };
  }

  private fromPrisma(error: PrismaLikeError): Omit<ErrorBody, 'requestId'> {
    if (error.code === 'P2002') {
      return { statusCode: 409, error: 'Conflict', message: 'A record with these values already exists', details: { target: error.meta?.target } };
    }
    if (error.code === 'P2025') {
      return { statusCode: 404, error: 'Not Found', message: `${error.meta?.modelName ?? 'Record'} not found` };
    }
    const unavailable = (error.code && UNAVAILABLE_CODES.has(error.code)) || UNAVAILABLE_SQLSTATE.test(sqlState(error) ?? '');
    if (error.name === 'PrismaClientInitializationError' || unavailable) {
      return { statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable; retry shortly' };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'An unexpected error occurred' };
  }
}

function isBodyParserError(error: unknown): error is { status: number; message: string } {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && typeof (error as { type?: unknown }).type === 'string';
}
