import { useRef, useState, type KeyboardEvent } from 'react';
import type { LearnerOrderingView } from '../api/types.js';
import { ErrorBox } from '../components/feedback.js';
import { InlineMarkdown } from '../components/markdown.js';
import { AnswerVerdict } from './answer-verdict.js';
import { checkLabel } from './check-label.js';
import type { QuestionProps } from './question-props.js';
import { useAnswer } from './use-answer.js';
import { moveItem } from './move-item.js';

/**
 * Put items in order by dragging them, or with the keyboard: focus an item and press Alt+Up /
 * Alt+Down (or use its Up/Down buttons). Each move is announced in a polite live region.
 */
export function OrderingQuestion({ question, attemptId, answer, locked, onAnswered, scoresHidden }: QuestionProps<LearnerOrderingView>) {
  const sent = Array.isArray(answer?.response) ? (answer!.response as string[]) : undefined;
  const [items, setItems] = useState<string[]>(sent ?? question.items);
  const [announcement, setAnnouncement] = useState('');
  const dragged = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const { busy, error, send, justAnswered } = useAnswer(attemptId, question.id, onAnswered);
  const disabled = locked || !!answer || busy;

  function move(from: number, to: number, refocus: boolean) {
    if (disabled || to < 0 || to >= items.length) return;
    setItems((now) => moveItem(now, from, to));
    setAnnouncement(`${items[from]} moved to position ${to + 1} of ${items.length}.`);
    if (refocus) requestAnimationFrame(() => (list.current?.children[to] as HTMLElement | undefined)?.focus());
  }
  function onKeyDown(event: KeyboardEvent<HTMLLIElement>, index: number) {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(index, event.key === 'ArrowUp' ? index - 1 : index + 1, true);
  }
  const hintId = `${question.id}-order-help`;
  return (
    <div>
      <p id={hintId} className="muted small">
        Drag the items into the right order, or focus one and press Alt+Up / Alt+Down.
      </p>
      <ol ref={list} className="ordering" aria-describedby={hintId} aria-label="Items to put in order">
        {items.map((item, index) => (
          <li
            key={item}
            tabIndex={disabled ? -1 : 0}
            draggable={!disabled}
            data-testid="ordering-item"
            aria-label={`${item}, position ${index + 1} of ${items.length}`}
            onKeyDown={(e) => onKeyDown(e, index)}
            onDragStart={(e) => ((dragged.current = index), e.dataTransfer.setData('text/plain', item))}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged.current !== null) move(dragged.current, index, false);
              dragged.current = null;
            }}
          >
            <span className="grip" aria-hidden="true">⠿</span>
            <span className="item-text">
              <InlineMarkdown text={item} />
            </span>
            {!disabled && (
              <span className="move-buttons">
                <button type="button" onClick={() => move(index, index - 1, false)} disabled={index === 0} aria-label={`Move ${item} up`}>
                  ↑
                </button>
                <button type="button" onClick={() => move(index, index + 1, false)} disabled={index === items.length - 1} aria-label={`Move ${item} down`}>
                  ↓
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ErrorBox message={error} />
      {!answer && !locked && (
        <button type="button" className="primary" disabled={busy} onClick={() => void send(items)}>
          {checkLabel(scoresHidden)}
        </button>
      )}
      <div aria-live="polite">{answer && <AnswerVerdict answer={answer} takeFocus={justAnswered} />}</div>
    </div>
  );
}
