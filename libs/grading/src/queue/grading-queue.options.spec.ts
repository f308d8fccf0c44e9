import { graderWorkerName, slotsOfWorker, submissionJobOptions } from './grading-queue.options.js';

describe('grading queue options', () => {
  it('reads back the slot count a grader puts in its worker name', () => {
    expect(slotsOfWorker(`bull:Z3JhZGluZw==:w:${graderWorkerName(6)}`)).toBe(6);
    expect(slotsOfWorker(undefined)).toBe(1);
  });

  it('dedupes submission jobs by submission id and removes them once done (so recovery can re-add)', () => {
    expect(submissionJobOptions('a1')).toMatchObject({ jobId: 'a1', removeOnComplete: true });
  });
});
