import { HttpException } from '@nestjs/common';
import type { SubmissionProcessor } from '../grading/submission-processor.js';
import { GradingsInFlight, MAX_GRADINGS_IN_FLIGHT } from './gradings-in-flight.js';

function setup() {
  const listeners: ((outcome: { id: string }) => void)[] = [];
  const processor = { onGraded: (listener: (outcome: { id: string }) => void) => listeners.push(listener) } as unknown as SubmissionProcessor;
  const inFlight = new GradingsInFlight(processor);
  inFlight.onModuleInit();
  return { inFlight, graded: (id: string) => listeners.forEach((listener) => listener({ id })) };
}

describe(GradingsInFlight.name, () => {
  it(`refuses a learner's ${MAX_GRADINGS_IN_FLIGHT + 1}th grading in flight with 429, others unaffected, and frees a slot at its verdict`, () => {
    const { inFlight, graded } = setup();
    for (let i = 0; i < MAX_GRADINGS_IN_FLIGHT; i++) {
      inFlight.reserve('ada');
      inFlight.hold('ada', `s${i}`);
    }
    const refused = (() => { try { inFlight.reserve('ada'); return null; } catch (error) { return error as HttpException; } })();
    expect(refused?.getStatus()).toBe(429);
    expect(() => inFlight.reserve('grace')).not.toThrow();
    graded('s0');
    graded('s0'); // a second event for the same submission frees nothing more
    inFlight.reserve('ada');
    expect(() => inFlight.reserve('ada')).toThrow(HttpException);
  });

  it('gives back a slot whose submission was not stored', () => {
    const { inFlight } = setup();
    for (let i = 0; i < MAX_GRADINGS_IN_FLIGHT; i++) inFlight.reserve('ada');
    inFlight.cancel('ada');
    expect(() => inFlight.reserve('ada')).not.toThrow();
  });
});
