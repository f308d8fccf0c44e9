import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Event-loop delay over the last complete window, in ms (how late a timer ran: the API's stall). */
export interface EventLoopDelayFigures {
  /** Which window: 1 for the first complete one after start; 0 while none has ended (figures so far). */
  window: number;
  windowSeconds: number;
  p50: number;
  p99: number;
  max: number;
}

export const EVENT_LOOP_WINDOW_SECONDS = 10;
const RESOLUTION_MS = 10;

/**
 * Samples the event loop's delay with Node's own histogram (a timer every 10 ms, measured in C++:
 * no work on the loop per request). Reported per window of 10 s, so a burst shows up in /health
 * for 10 s and is then replaced rather than averaged into the whole uptime.
 */
@Injectable()
export class EventLoopDelay implements OnModuleDestroy {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private last: EventLoopDelayFigures | undefined;
  private windows = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.histogram.enable();
    this.timer = setInterval(() => this.rotate(), EVENT_LOOP_WINDOW_SECONDS * 1000).unref();
  }

  /** The last complete window; before the first one ends, what has been seen so far. */
  figures(): EventLoopDelayFigures {
    return this.last ?? this.read(0);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private rotate(): void {
    this.last = this.read(++this.windows);
    this.histogram.reset();
  }

  private read(window: number): EventLoopDelayFigures {
    // The histogram records the whole time between two samples in ns, the timer's own period
    // included (an idle loop reads ~10 ms on Node 20): only what is beyond the period is delay.
    const ms = (ns: number) => (Number.isFinite(ns) ? Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 10) / 10) : 0);
    const h = this.histogram;
    return { window, windowSeconds: EVENT_LOOP_WINDOW_SECONDS, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
  }
}
