import { useEffect, useRef, useState } from 'react';
import type { LearnerExam } from '../api/types.js';
import { announcementFor, clockOffset, formatRemaining, minutesText, remainingMs } from './exam-clock.js';

/** What a timed exam means, stated before the learner starts it. */
export function ExamNotice({ exam, hasCode }: { exam: LearnerExam; hasCode: boolean }) {
  return (
    <div className="exam-notice" data-testid="exam-notice">
      <h2>This is a timed exam</h2>
      <ul>
        <li>
          You have <strong>{minutesText(exam.minutes)}</strong> per attempt, counted by the server from the moment you start (any extra time
          your instructor gave you is added). Leaving the page does not stop the clock.
        </li>
        <li>
          When the time is up, the server ends your attempt: the answers you {exam.hideScores ? 'saved' : 'checked'} count, code you submitted before the end is still
          graded, and anything sent after the end is refused.
        </li>
        {hasCode && <li>{exam.visibleTests ? 'You may run the visible tests of code questions.' : 'Running the visible tests is turned off: you can only submit your code.'}</li>}
        {exam.oneAtATime && <li>Questions are shown one at a time; you can move between them freely.</li>}
        <li>
          {exam.hideScores
            ? 'Scores and feedback are not shown during the exam: you will see them when your instructor releases them.'
            : 'You see your score and feedback as you go.'}
        </li>
      </ul>
    </div>
  );
}

/**
 * The time left, by the server's clock (`serverTime` of the last attempt loaded). Calls `onEnd`
 * once at zero so that the page reloads the attempt the server has ended.
 */
export function Countdown({ deadline, serverTime, onEnd }: { deadline: string; serverTime: string; onEnd(): void }) {
  const offset = useRef(clockOffset(serverTime, Date.now()));
  const [left, setLeft] = useState(() => remainingMs(deadline, offset.current, Date.now()));
  const [announcement, setAnnouncement] = useState('');
  const ended = useRef(false);
  useEffect(() => {
    offset.current = clockOffset(serverTime, Date.now());
  }, [serverTime]);
  useEffect(() => {
    const timer = setInterval(() => {
      setLeft((before) => {
        const now = remainingMs(deadline, offset.current, Date.now());
        const said = announcementFor(before, now);
        if (said) setAnnouncement(said);
        return now;
      });
    }, 250);
    return () => clearInterval(timer);
  }, [deadline]);
  useEffect(() => {
    if (left > 0 || ended.current) return;
    ended.current = true;
    setAnnouncement('Time is up: your attempt has ended.');
    onEnd();
  }, [left, onEnd]);
  return (
    <div className={`exam-timer card${left <= 60_000 ? ' urgent' : ''}`} data-testid="exam-timer">
      <span>Time left: </span>
      <strong role="timer" aria-label="Time left in this exam" data-testid="time-left">
        {formatRemaining(left)}
      </strong>
      <span className="muted small"> · ends at {new Date(Date.parse(deadline) - offset.current).toLocaleTimeString()}</span>
      <p className="visually-hidden" aria-live="assertive">
        {announcement}
      </p>
    </div>
  );
}
