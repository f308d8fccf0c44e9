/**
 * Small YAML files for the authoring specs and e2e tests. The hidden test of `exerciseYaml` holds
 * the marker HIDDEN_MARKER in its expression, so a test can prove it never reaches a learner view.
 */
export const HIDDEN_MARKER = 'secret_probe_4242';
export const SOLUTION_MARKER = 'solution_marker_77';
export const OTHER_MARKER = 'other_marker_91';

export interface ExerciseOptions {
  id?: string;
  published?: boolean;
  /** The expected value of the hidden test `doubles_big` (an instructor "fixing" a test changes it). */
  hiddenExpected?: number;
}

export function exerciseYaml({ id = 'authoring-e2e/double-it', published = false, hiddenExpected = 2000 }: ExerciseOptions = {}): string {
  return `kind: exercise
id: ${id}
title: Double it
published: ${published}
concepts: [functions]
prompt: |
  Write \`double(x)\` that returns twice \`x\`.
starter: |
  def double(x):
      ...
examples:
  - name: doubles_two
    expr: "double(2)"
    expected: 4
tests:
  - name: doubles_big
    expr: "double(1000) + 0 * len('${HIDDEN_MARKER}')"
    expected: ${hiddenExpected}
    points: 2
    feedback: "double(1000) should be 2000"
solution: |
  def double(x):
      # ${SOLUTION_MARKER}
      return 2 * x
other_solutions:
  - name: lambda
    code: |
      double = lambda x: 2 * x  # ${OTHER_MARKER}
wrong_solutions:
  - name: adds-two
    code: |
      def double(x):
          return x + 2
    fails: [doubles_big]
    feedback: "double(1000) should be 2000"
  - name: squares
    code: |
      def double(x):
          return x * x
    fails: [doubles_big]
    feedback: "double(1000) should be 2000"
`;
}

/** A quiz including an exercise by `ref:` plus a choice question (its correct flag is a secret). */
export function quizYaml(id: string, ref: string): string {
  return `kind: quiz
id: ${id}
title: A quiz with a ref
published: false
questions:
  - type: single_choice
    id: pick
    prompt: Which one?
    choices:
      - { id: a, text: "First", correct: true }
      - { id: b, text: "Second" }
  - ref: ${ref}
`;
}
