import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { LearnerParsonsView } from '../api/types.js';
import { ErrorBox } from '../components/feedback.js';
import { AnswerVerdict } from './answer-verdict.js';
import { addLine, indentLine, initialBoard, moveLine, programAnswer, removeLine, toResponse, type Board } from './parsons-board.js';
import { newest } from './opening-state.js';
import { checkLabel } from './check-label.js';
import type { QuestionProps } from './question-props.js';
import { useAnswer } from './use-answer.js';
import { useGrading } from './use-grading.js';
import { SubmissionResult } from './test-results.js';
import { formatPoints, pointsOf } from '../components/points.js';

type ListName = 'unused' | 'program';

/**
 * A Parsons problem: build a program from given lines (some are distractors). Keyboard: Up/Down
 * move the focus within a list, Enter (or Space) moves the focused line to the other list,
 * Alt+Up/Alt+Down move a program line, Alt+Right/Alt+Left indent it. Every change is announced in
 * a polite live region; each line also has buttons doing the same.
 */
export function ParsonsQuestion({ question, attemptId, answer, locked, onAnswered, refresh, scoresHidden, work, reviewing = false }: QuestionProps<LearnerParsonsView>) {
  // Graded by running, the lines are sent as a program: a reload lays the board out again from
  // the program last sent (the one submitted, when reviewing) and shows its results.
  const [sent] = useState(() => (work ? (reviewing ? work.lastSubmission ?? undefined : newest(work)) : undefined));
  const [board, setBoard] = useState<Board>(() =>
    initialBoard(question.lines, answer?.response ?? (sent ? programAnswer(sent.source, !!question.indent) : undefined)));
  const [announcement, setAnnouncement] = useState('');
  // Roving tab stop: one line per list is in the Tab order, arrows move within the list.
  const [active, setActive] = useState<Record<ListName, number>>({ unused: 0, program: 0 });
  const lists = { unused: useRef<HTMLUListElement>(null), program: useRef<HTMLOListElement>(null) };
  const { busy, error, send, justAnswered } = useAnswer(attemptId, question.id, onAnswered);
  // Graded by running: sent like code (to the submissions route) as often as allowed, each time with test results.
  const runs = question.grading === 'run';
  const grading = useGrading(attemptId, question.id, sent);
  const disabled = locked || busy || grading.grading !== null || (!runs && !!answer);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [outcomeTick, setOutcomeTick] = useState(0);
  useEffect(() => {
    if (outcomeTick > 0) outcomeRef.current?.focus();
  }, [outcomeTick]);
  async function submitProgram() {
    const submission = await grading.send('submit', { lines: toResponse(board, question.indent) });
    if (submission) refresh();
    setOutcomeTick((tick) => tick + 1);
  }

  // Where the focus goes once the board has re-rendered (a moved line is a new element).
  const pendingFocus = useRef<[ListName, number] | null>(null);
  useLayoutEffect(() => {
    if (!pendingFocus.current) return;
    const [list, index] = pendingFocus.current;
    pendingFocus.current = null;
    focusNow(list, index);
  });
  function focusNow(list: ListName, index: number) {
    const items = lists[list].current?.children;
    if (!items || items.length === 0) return;
    (items[Math.min(Math.max(0, index), items.length - 1)] as HTMLElement).focus();
  }
  function focus(list: ListName, index: number) {
    setActive((now) => ({ ...now, [list]: Math.max(0, index) }));
    pendingFocus.current = [list, index];
  }
  function change(next: Board, message: string, then?: [ListName, number]) {
    if (disabled || next === board) return;
    setBoard(next);
    setAnnouncement(message);
    if (then) focus(...then);
  }
  const depth = (indent: number) => (question.indent ? `, indent ${indent}` : '');
  function add(i: number, refocus: boolean) {
    const next = addLine(board, i);
    const placed = next.program.at(-1);
    // The focus stays in the list it was in, unless that list is now empty.
    const then: [ListName, number] = next.unused.length > 0 ? ['unused', i] : ['program', next.program.length - 1];
    change(next, `${board.unused[i]?.line} added as line ${next.program.length}${placed ? depth(placed.indent) : ''}.`, refocus ? then : undefined);
  }
  function remove(i: number, refocus: boolean) {
    const next = removeLine(board, i);
    const then: [ListName, number] = next.program.length > 0 ? ['program', i] : ['unused', 0];
    change(next, `${board.program[i]?.line} removed from your program.`, refocus ? then : undefined);
  }
  function move(from: number, to: number, refocus: boolean) {
    change(moveLine(board, from, to), `${board.program[from]?.line} moved to line ${to + 1} of ${board.program.length}.`, refocus ? ['program', to] : undefined);
  }
  function indent(i: number, by: 1 | -1, refocus: boolean) {
    const next = indentLine(board, i, by);
    change(next, `${board.program[i]?.line} at indent ${next.program[i]?.indent}.`, refocus ? ['program', i] : undefined);
  }
  function onKey(event: KeyboardEvent<HTMLLIElement>, list: ListName, i: number) {
    const { key, altKey } = event;
    if (event.target !== event.currentTarget) return; // a key on one of the line's buttons is the button's
    const arrows = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];
    if (key !== 'Enter' && key !== ' ' && !arrows.includes(key)) return;
    event.preventDefault();
    // Plain arrows only move the focus: at once, so that quick presses are not lost.
    if (!altKey && (key === 'ArrowUp' || key === 'ArrowDown')) return focusNow(list, i + (key === 'ArrowUp' ? -1 : 1));
    if (key === 'Enter' || key === ' ') return list === 'unused' ? add(i, true) : remove(i, true);
    if (list !== 'program' || !altKey) return;
    if (key === 'ArrowUp' || key === 'ArrowDown') return move(i, key === 'ArrowUp' ? i - 1 : i + 1, true);
    if (question.indent) indent(i, key === 'ArrowRight' ? 1 : -1, true);
  }
  const hintId = `${question.id}-parsons-help`;
  const tabOf = (list: ListName, i: number, length: number) => (!disabled && i === Math.min(active[list], length - 1) ? 0 : -1);
  return (
    <div className="parsons">
      <p id={hintId} className="muted small">
        Build the program from the lines below; not every line is needed. Keyboard: Tab to a list, Up/Down to move between its lines, Enter to
        move a line into or out of your program, Alt+Up / Alt+Down to reorder it
        {question.indent ? ', Alt+Right / Alt+Left to indent it' : ''}.
      </p>
      <div className="parsons-lists">
        <div>
          <h3 id={`${question.id}-unused`}>Lines to use</h3>
          <ul ref={lists.unused} className="ordering parsons-unused" aria-labelledby={`${question.id}-unused`} aria-describedby={hintId}>
            {board.unused.map((block, i) => (
              <li key={block.id} tabIndex={tabOf('unused', i, board.unused.length)} onFocus={() => setActive((now) => ({ ...now, unused: i }))} data-testid="parsons-unused" aria-label={`${block.line}, unused line ${i + 1} of ${board.unused.length}`} onKeyDown={(e) => onKey(e, 'unused', i)}>
                <code className="item-text">{block.line}</code>
                {!disabled && (
                  <span className="move-buttons">
                    <button type="button" tabIndex={-1} onClick={() => add(i, false)} aria-label={`Add ${block.line} to your program`}>
                      Add
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 id={`${question.id}-program`}>Your program</h3>
          {board.program.length === 0 && <p className="muted small">Empty: add lines from the list.</p>}
          <ol ref={lists.program} className="ordering parsons-program" aria-labelledby={`${question.id}-program`} aria-describedby={hintId}>
            {board.program.map((block, i) => (
              <li
                key={block.id}
                tabIndex={tabOf('program', i, board.program.length)}
                onFocus={() => setActive((now) => ({ ...now, program: i }))}
                data-testid="parsons-line"
                data-indent={block.indent}
                aria-label={`${block.line}, line ${i + 1} of ${board.program.length}${depth(block.indent)}`}
                onKeyDown={(e) => onKey(e, 'program', i)}
              >
                <code className="item-text" style={{ paddingLeft: `${block.indent * 4}ch` }}>
                  {block.line}
                </code>
                {!disabled && (
                  <span className="move-buttons">
                    <button type="button" tabIndex={-1} onClick={() => move(i, i - 1, false)} disabled={i === 0} aria-label={`Move ${block.line} up`}>↑</button>
                    <button type="button" tabIndex={-1} onClick={() => move(i, i + 1, false)} disabled={i === board.program.length - 1} aria-label={`Move ${block.line} down`}>↓</button>
                    {question.indent && (
                      <>
                        <button type="button" tabIndex={-1} onClick={() => indent(i, -1, false)} disabled={block.indent === 0} aria-label={`Outdent ${block.line}`}>⇤</button>
                        <button type="button" tabIndex={-1} onClick={() => indent(i, 1, false)} aria-label={`Indent ${block.line}`}>⇥</button>
                      </>
                    )}
                    <button type="button" tabIndex={-1} onClick={() => remove(i, false)} aria-label={`Remove ${block.line} from your program`}>✕</button>
                  </span>
                )}
              </li>
            ))}
          </ol>
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {runs ? (
        <RunFooter question={question} answer={answer} locked={locked} grading={grading} empty={board.program.length === 0} onSubmit={() => void submitProgram()} outcomeRef={outcomeRef} />
      ) : (
        <>
          <ErrorBox message={error} />
          {!answer && !locked && (
            <button type="button" className="primary" disabled={busy || board.program.length === 0} onClick={() => void send(toResponse(board, question.indent))}>
              {checkLabel(scoresHidden)}
            </button>
          )}
          <div aria-live="polite">{answer && <AnswerVerdict answer={answer} takeFocus={justAnswered} />}</div>
        </>
      )}
    </div>
  );
}

interface RunFooterProps {
  question: LearnerParsonsView;
  answer: QuestionProps<LearnerParsonsView>['answer'];
  locked: boolean;
  grading: ReturnType<typeof useGrading>;
  empty: boolean;
  onSubmit(): void;
  outcomeRef: RefObject<HTMLDivElement | null>;
}

/** A run-graded problem: the program goes to the grader, and its test results show as a code submission's do. */
function RunFooter({ question, answer, locked, grading, empty, onSubmit, outcomeRef }: RunFooterProps) {
  const { result, error } = grading;
  return (
    <>
      <p className="muted small">Your program is run against {question.hidden_tests ?? 0} hidden tests; you may check it again after changing it.</p>
      {!locked && (
        <button type="button" className="primary" aria-disabled={grading.grading !== null || empty} onClick={() => grading.grading === null && !empty && onSubmit()}>
          Check answer
        </button>
      )}
      <div role="status" aria-live="polite" className="grading-status">
        {grading.grading && (
          <>
            <progress aria-label="Grading progress" /> Running your program against the tests…
          </>
        )}
        {!grading.grading && result && (result.maxPoints === null ? 'Program received.' : `Graded: ${formatPoints(result.points ?? 0)} of ${formatPoints(result.maxPoints)} points.`)}
      </div>
      <div ref={outcomeRef} tabIndex={-1} className="grading-outcome" data-testid="grading-outcome">
        <ErrorBox message={error} />
        {result && <SubmissionResult submission={result} limits={{}} />}
      </div>
      {answer && answer.points !== null && (
        <p className="best-score">
          Best check so far: <strong>{pointsOf(answer.points, answer.maxPoints)} points</strong>
        </p>
      )}
    </>
  );
}
