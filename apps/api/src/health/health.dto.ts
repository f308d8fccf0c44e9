import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ComponentHealthDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why the component is down' })
  reason?: string;

  @ApiPropertyOptional({
    description: 'Component figures: ready grader workers and the OS walls around the grading sandbox (walls: tool bwrap|unshare|none, network none|host, user nobody|same as server, uid, filesystem read-only view|host, private /tmp /run /dev|host, processes hidden|host, maxTasks (processes and threads of the sandbox user, or null), noNewPrivileges, nestedUserNamespaces, fallbacks); for the embedded database also freeBytes in DATA_DIR and acceptsChanges (false while a full disk makes it refuse changes, reads still served)',
    type: Object,
  })
  details?: Record<string, unknown>;
}

export class EventLoopDelayDto {
  @ApiProperty({ description: 'Which window: 1 for the first complete one after start, then 2, ...; 0 while none has ended (the figures so far)' })
  window!: number;

  @ApiProperty({ description: 'Length of the window the figures cover (the last complete one)' })
  windowSeconds!: number;

  @ApiProperty({ description: 'Median delay of the API\'s event loop in ms' })
  p50!: number;

  @ApiProperty({ description: '99th percentile delay in ms: how long a request may wait for the API to notice it' })
  p99!: number;

  @ApiProperty()
  max!: number;
}

export class ApiProcessHealthDto {
  @ApiProperty({ type: EventLoopDelayDto })
  eventLoopDelayMs!: EventLoopDelayDto;
}

export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiProperty({ type: ComponentHealthDto })
  database!: ComponentHealthDto;

  @ApiProperty({ type: ComponentHealthDto })
  grader!: ComponentHealthDto;

  @ApiProperty({ type: ApiProcessHealthDto, description: 'This API process: figures only, never a reason to be unavailable' })
  api!: ApiProcessHealthDto;
}
