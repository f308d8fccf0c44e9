import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { errorName, type ErrorBody } from '../common/error-body.js';

/** OpenAPI schema of the one error body AllExceptionsFilter writes. */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ example: 401 })
  statusCode!: number;

  @ApiProperty({ example: 'Unauthorized' })
  error!: string;

  @ApiProperty({ example: 'Invalid email or password' })
  message!: string;

  @ApiPropertyOptional({ description: 'Per-field validation errors and other specifics' })
  details?: unknown;

  @ApiProperty({ example: '6f1c2d0e-8d43-4c1e-9d0a-2b7c1b9e3a11' })
  requestId!: string;
}

/** Documents the given error statuses of a route with ErrorBodyDto: `@ApiErrors(400, 401, 409)`. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, type: ErrorBodyDto, description: errorName(status) })),
  );
}
