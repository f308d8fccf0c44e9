import type { SolutionViolation, SpecErrorItem } from '../api/types.js';

interface ValidationPanelProps {
  errors: SpecErrorItem[];
  violations: SolutionViolation[];
  /** Moves the editor's cursor to a line. */
  onGoTo(line: number): void;
}

/** The list beside the editor's gutter markers: each error names its line and jumps there. */
export function ValidationPanel({ errors, violations, onGoTo }: ValidationPanelProps) {
  if (errors.length === 0 && violations.length === 0) return null;
  return (
    <section className="validation card" aria-labelledby="validation-title">
      <h2 id="validation-title">
        {errors.length > 0 ? `${errors.length} ${errors.length === 1 ? 'error' : 'errors'} in the file` : 'The solutions do not behave as declared'}
      </h2>
      {errors.length > 0 && (
        <ul className="error-list">
          {errors.map((error, index) => (
            <li key={index}>
              <button type="button" className="link-button" onClick={() => onGoTo(error.line)} data-testid="error-line">
                Line {error.line}, column {error.column}
              </button>
              {error.path && (
                <>
                  {' '}
                  <code>{error.path}</code>
                </>
              )}
              : {error.message}
            </li>
          ))}
        </ul>
      )}
      {violations.length > 0 && (
        <ul className="error-list">
          {violations.map((violation, index) => (
            <li key={index}>
              <code>{violation.question}</code>: {violation.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
