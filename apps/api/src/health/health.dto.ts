import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ComponentHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why the component is down' })
  reason?: string;

  @ApiPropertyOptional({
    description: 'Component figures: ready grader workers and the OS walls around the grading sandbox (walls: tool bwrap|unshare|none, network none|host, user nobody|same as server, uid, filesystem read-only view|host, noNewPrivileges, nestedUserNamespaces, fallbacks); for the embedded database also freeBytes in DATA_DIR and acceptsChanges (false while a full disk makes it refuse changes, reads still served)',
    type: Object,
  })
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
