import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ComponentHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why the component is down' })
  reason?: string;

  @ApiPropertyOptional({ description: 'Component figures (e.g. ready grader workers)', type: Object })
  details?: Record<string, unknown>;
}

export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiProperty({ type: ComponentHealthDto })
  database!: ComponentHealthDto;

  @ApiProperty({ type: ComponentHealthDto })
  grader!: ComponentHealthDto;
}
