import { formatPoints, pointsOf } from './components/points.js';
import { explainOutcome } from './questions/outcome-text.js';
import { moveItem } from './questions/move-item.js';
import { addLine, indentLine, initialBoard, moveLine, programAnswer, removeLine, toResponse } from './questions/parsons-board.js';
import { attemptPath, authLink, matchRoute, pageOf, returnPathOf } from './router.js';
import { openingState } from './questions/opening-state.js';
import type { LearnerCodeWork, LearnerSubmissionWithSource } from './api/types.js';
import { finishNote } from './pages/finish-note.js';
import { setupText } from './questions/example-text.js';
import { announcementFor, clockOffset, formatRemaining, remainingMs } from './pages/exam-clock.js';

describe('matchRoute', () => {
  it('extracts quiz ids from two path segments and rejects other shapes', () => {
    expect(matchRoute('/quiz/:course/:slug', '/quiz/closures/make-counter')).toEqual({ course: 'closures', slug: 'make-counter' });
    expect(matchRoute('/quiz/:course/:slug', '/quiz/closures')).toBeNull();
    expect(matchRoute('/instructor', '/instructor/new')).toBeNull();
    expect(matchRoute('/', '/')).toEqual({});
  });
});

describe('moveItem', () => {
  it('moves one item and leaves the original list alone', () => {
    const list = ['Local', 'Enclosing', 'Global', 'Built-in'];
    expect(moveItem(list, 3, 0)).toEqual(['Built-in', 'Local', 'Enclosing', 'Global']);
    expect(moveItem(list, 0, 1)).toEqual(['Enclosing', 'Local', 'Global', 'Built-in']);
    expect(list).toEqual(['Local', 'Enclosing', 'Global', 'Built-in']);
  });

  it('ignores moves past either end (Alt+Up on the first item)', () => {
    const list = ['a', 'b'];
    expect(moveItem(list, 0, -1)).toBe(list);
    expect(moveItem(list, 1, 2)).toBe(list);
  });
});

describe('Parsons board', () => {
  const lines = ['return x', 'def f():', 'x = 1', 'return x'];

  it('builds a program line by line, new lines at the depth of the one before', () => {
    let board = initialBoard(lines);
    board = addLine(board, 1);
    board = indentLine(addLine(board, 1), 1, 1);
    board = addLine(board, 0);
    expect(toResponse(board, true)).toEqual([{ line: 'def f():', indent: 0 }, { line: 'x = 1', indent: 1 }, { line: 'return x', indent: 1 }]);
    expect(toResponse(board, false)).toEqual([{ line: 'def f():' }, { line: 'x = 1' }, { line: 'return x' }]);
    expect(board.unused).toEqual([{ id: 3, line: 'return x' }]);
  });

  it('puts a removed line back in its given place and keeps repeated lines apart', () => {
    const board = removeLine(addLine(addLine(initialBoard(lines), 0), 0), 0);
    expect(board.unused.map((b) => b.id)).toEqual([0, 2, 3]);
    expect(board.program).toEqual([{ id: 1, line: 'def f():', indent: 0 }]);
  });

  it('lays out again the program a run-graded problem sent (4 spaces a level), repeated lines kept apart', () => {
    // what quiz-spec's assembleProgram made of def f(): / x = 1 / return x / return x (a distractor)
    const program = 'def f():\n    x = 1\n    return x\nreturn x\n';
    const board = initialBoard(lines, programAnswer(program, true));
    expect(toResponse(board, true)).toEqual([{ line: 'def f():', indent: 0 }, { line: 'x = 1', indent: 1 }, { line: 'return x', indent: 1 }, { line: 'return x', indent: 0 }]);
    expect(board.unused).toEqual([]);
    // Without indentation the lines are their own text, spaces and all.
    const flat = initialBoard(['  a', 'b'], programAnswer('b\n  a\n', false));
    expect(toResponse(flat, false)).toEqual([{ line: 'b' }, { line: '  a' }]);
  });

  it('reorders, never indents below 0, and lays out a sent answer again', () => {
    const board = initialBoard(lines, [{ line: 'def f():', indent: 0 }, { line: 'return x', indent: 1 }, { line: 'nope', indent: 0 }]);
    expect(board.program.map((b) => [b.id, b.indent])).toEqual([[1, 0], [0, 1]]);
    expect(indentLine(board, 0, -1)).toBe(board);
    expect(moveLine(board, 1, 0).program.map((b) => b.line)).toEqual(['return x', 'def f():']);
    expect(moveLine(board, 1, 2)).toBe(board);
  });
});

describe('explainOutcome', () => {
  it('never says "the memory limit of memory" when no limit is set, and names a set limit', () => {
    expect(explainOutcome('memory_limit', {})).toBe('Your code used more memory than the grader allows and was stopped: look for a list or string that keeps growing.');
    expect(explainOutcome('memory_limit', { memory_mb: 64 })).toContain('more than 64 MB of memory');
    expect(explainOutcome('timeout', {})).toContain('took longer than the grader allows');
  });
});

describe('formatPoints', () => {
  it('rounds points to two decimals as the CSV does', () => {
    expect(pointsOf(2.666667, 4)).toBe('2.67 / 4');
    expect(formatPoints(3)).toBe('3');
  });
});

describe('returnPathOf', () => {
  it('leads back to a deep link, through the sign-in and register pages, and nowhere outside the app', () => {
    expect(returnPathOf('/quiz/closures/make-counter')).toBe('/quiz/closures/make-counter');
    expect(returnPathOf(`/register?next=${encodeURIComponent('/quiz/closures/make-counter')}`)).toBe('/quiz/closures/make-counter');
    expect(returnPathOf(authLink('/login', '/instructor/edit/closures/x'))).toBe('/instructor/edit/closures/x');
    expect(returnPathOf('/login')).toBe('/');
    expect(returnPathOf('/login?next=//evil.example')).toBe('/');
    expect(returnPathOf('/login?next=https://evil.example')).toBe('/');
    expect(returnPathOf('/login?next=/register')).toBe('/');
    expect(authLink('/register', '/')).toBe('/register');
  });
});

describe('exam clock', () => {
  it("counts down by the server's clock, whatever the learner's computer says", () => {
    // The learner's clock is 10 minutes slow: the server said 10:00 when the page read 09:50.
    const offset = clockOffset('2026-03-02T10:00:00Z', Date.parse('2026-03-02T09:50:00Z'));
    expect(remainingMs('2026-03-02T10:20:00Z', offset, Date.parse('2026-03-02T09:50:30Z'))).toBe(19.5 * 60_000);
    expect(remainingMs('2026-03-02T10:20:00Z', offset, Date.parse('2026-03-02T10:15:00Z'))).toBe(0);
  });

  it('shows minutes and seconds, hours only when needed, rounded up so 0:00 is the end', () => {
    expect(formatRemaining(20 * 60_000)).toBe('20:00');
    expect(formatRemaining(9_001)).toBe('0:10');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(3_909_000)).toBe('1:05:09');
  });

  it('announces 10, 5 and 1 minutes left once each, not every second', () => {
    expect(announcementFor(300_500, 299_750)).toBe('5 minutes left.');
    expect(announcementFor(60_100, 59_900)).toBe('1 minute left.');
    expect(announcementFor(299_750, 299_500)).toBeNull();
  });
});

describe('attempt addresses', () => {
  it('puts the question of a one-at-a-time exam in the address, 1-based, and keeps one page for all its questions', () => {
    expect(attemptPath('a1')).toBe('/attempt/a1');
    expect(attemptPath('a1', 0)).toBe('/attempt/a1/question/1');
    expect(pageOf('/attempt/a1/question/3')).toBe('/attempt/a1');
    expect(pageOf('/attempt/a1')).toBe('/attempt/a1');
    expect(pageOf('/quiz/closures/question/2')).toBe('/quiz/closures/question/2');
    expect(returnPathOf('/login?next=%2Fattempt%2Fa1%2Fquestion%2F2')).toBe('/attempt/a1/question/2');
  });
});

describe('openingState', () => {
  const question = { starter: 'def f():\n    ...\n' };
  const sent = (kind: 'run' | 'submit', source: string, createdAt: string) => ({ kind, source, createdAt }) as LearnerSubmissionWithSource;
  const work = (over: Partial<LearnerCodeWork>): LearnerCodeWork => ({ questionKey: 'q', draft: null, lastRun: null, lastSubmission: null, earlier: null, ...over });
  const run = sent('run', 'run code', '2026-01-01T10:02:00Z');
  const submission = sent('submit', 'submitted code', '2026-01-01T10:01:00Z');

  it('opens an attempt in progress with its draft and the newest result, run or submission', () => {
    const opened = openingState(question, work({ draft: { questionKey: 'q', source: 'typed', savedAt: '' }, lastRun: run, lastSubmission: submission }), false);
    expect([opened.source, opened.result]).toEqual(['typed', run]);
    expect(openingState(question, work({ lastRun: run, lastSubmission: sent('submit', 'later', '2026-01-01T10:03:00Z') }), false).source).toBe('later');
  });

  it('starts a fresh attempt from the code submitted in an earlier one, else from the starter', () => {
    const earlier = { attemptId: 'a0', source: 'last time', createdAt: '2026-01-01T09:00:00Z' };
    expect(openingState(question, work({ earlier }), false)).toEqual({ source: 'last time', result: undefined, fromEarlier: earlier });
    expect(openingState(question, work({}), false).source).toBe(question.starter);
    expect(openingState(question, undefined, false).source).toBe(question.starter);
  });

  it('reviews a finished attempt as submitted: the last submission, never a later run or draft', () => {
    const opened = openingState(question, work({ draft: { questionKey: 'q', source: 'typed', savedAt: '' }, lastRun: run, lastSubmission: submission }), true);
    expect([opened.source, opened.result]).toEqual(['submitted code', submission]);
  });
});

describe('finishNote', () => {
  const question = (type: string) => ({ type }) as never;
  it('tells a practice learner the score is saved as they go and code can be sent again', () => {
    const note = finishNote({ exam: null, deadline: null, questions: [question('code')] });
    expect(note).toMatch(/^Your score is saved as you go\. Code can be submitted again: your best submission counts\./);
    expect(note).not.toMatch(/final/);
    expect(finishNote({ exam: null, deadline: null, questions: [question('single_choice'), question('code')] })).toContain('Checked answers are final.');
    // a Parsons problem graded by running its program can be checked again, like code
    const runParsons = { type: 'parsons', grading: 'run' } as never;
    expect(finishNote({ exam: null, deadline: null, questions: [runParsons] })).not.toMatch(/final/);
    expect(finishNote({ exam: null, deadline: null, questions: [{ type: 'parsons', grading: 'order' } as never] })).toContain('Checked answers are final.');
  });

  it('tells an exam candidate the score is recorded at finish, or by the server at the deadline', () => {
    const exam = { minutes: 10, visibleTests: true, hideScores: true, oneAtATime: false };
    expect(finishNote({ exam, deadline: '2026-01-01T00:10:00Z', questions: [question('single_choice')] })).toBe(
      'Checked answers are final. Your score is recorded when you finish the attempt. If you do not, the server finishes it when the time is up.',
    );
  });
});

describe('setupText', () => {
  it('shows a setup of several lines as statements separated by semicolons, never run together', () => {
    expect(setupText('t = make_counter()\nt()')).toBe('t = make_counter(); t()');
    expect(setupText('a = make_counter()\nb = make_counter()\na(); a(); a()\n')).toBe('a = make_counter(); b = make_counter(); a(); a(); a()');
    expect(setupText("hello = make_greeter('Hello')")).toBe("hello = make_greeter('Hello')");
  });
});
