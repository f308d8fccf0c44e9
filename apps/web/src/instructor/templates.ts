/**
 * Starting points for the editor, one per kind of file and per question type: each is a valid
 * file (or question) as it stands, so an instructor edits a working example rather than writing
 * YAML from the guide. templates.spec.ts loads every one with the real parser.
 */
export interface Template {
  id: string;
  label: string;
  /** `file`: a whole file (replaces the editor's text); `question`: added under `questions:`. */
  scope: 'file' | 'question';
  yaml: string;
}

const EXERCISE = `kind: exercise
id: my-course/add-one            # "<course>/<file stem>": change both parts
title: Add one
published: false                 # learners see it once you publish it
concepts: [functions]
prompt: |
  Write \`add_one(x)\` that returns \`x + 1\`.
starter: |
  def add_one(x):
      ...
examples:                        # VISIBLE tests: learners see and run them
  - name: adds_one_to_two
    expr: "add_one(2)"
    expected: 3
tests:                           # HIDDEN tests: learners see only the name and the feedback
  - name: adds_one_to_negative
    expr: "add_one(-1)"
    expected: 0
    points: 2
    feedback: "add_one(-1) should be 0: add exactly one."
solution: |                      # REQUIRED: must pass every test
  def add_one(x):
      return x + 1
other_solutions:                 # optional: other right answers learners write, each must
  - name: lambda                 # pass every test too (never shown to learners)
    code: |
      add_one = lambda x: x + 1
wrong_solutions:                 # REQUIRED, at least two: each must fail exactly its \`fails\`
  - name: adds-two               # and a failing test must show its \`feedback\`
    code: |
      def add_one(x):
          return x + 2
    fails: [adds_one_to_two, adds_one_to_negative]
    feedback: "add exactly one"
  - name: doubles
    code: |
      def add_one(x):
          return x * 2
    fails: [adds_one_to_two, adds_one_to_negative]
    feedback: "add exactly one"
`;

const QUIZ = `kind: quiz
id: my-course/my-quiz            # "<course>/<file stem>": change both parts
title: My quiz
published: false                 # learners see it once you publish it
questions:
  - id: first-question
    type: single_choice
    prompt: "Which keyword defines a function?"
    choices:
      - { id: a, text: "\`def\`", correct: true }
      - { id: b, text: "\`fun\`", feedback: "That is another language's keyword." }
`;

const EXAM = `kind: quiz
id: my-course/my-exam            # "<course>/<file stem>": change both parts
title: My exam (timed, 20 minutes)
published: false                 # learners see it once you publish it
attempts: 1                      # extra attempts per learner: the quiz's Exam page
exam:                            # learners read these rules before they start
  minutes: 20                    # per attempt, counted by the server; it ends the attempt itself
  visible_tests: false           # "Run visible tests" turned off
  hide_scores: true              # scores hidden until you press "Release scores" on the Exam page
  one_at_a_time: true            # one question per page, with a navigator
questions:
  - id: first-question
    type: single_choice
    prompt: "Which keyword lets an inner function rebind a variable of the enclosing function?"
    choices:
      - { id: a, text: "\`nonlocal\`", correct: true }
      - { id: b, text: "\`global\`", feedback: "global rebinds a module-level name." }
`;

/** Question templates are list items at two spaces, as under a quiz's \`questions:\`. */
const QUESTIONS: Template[] = [
  {
    id: 'single_choice',
    label: 'Single choice question',
    scope: 'question',
    yaml: `  - id: pick-one
    type: single_choice          # exactly one choice is correct
    prompt: "Which variable is free in \`inner\`?"
    choices:
      - { id: a, text: "\`x\`", correct: true }
      - { id: b, text: "\`y\`", feedback: "\`y\` is a parameter of inner." }
    explanation: "A free variable is used in a function but bound in an enclosing one."
`,
  },
  {
    id: 'multiple_choice',
    label: 'Multiple choice question',
    scope: 'question',
    yaml: `  - id: pick-several
    type: multiple_choice        # at least one correct; all-or-nothing unless partial: true
    prompt: "Which statements create a new scope?"
    partial: true
    choices:
      - { id: a, text: "\`def\`", correct: true }
      - { id: b, text: "\`lambda\`", correct: true }
      - { id: c, text: "\`if\`" }
`,
  },
  {
    id: 'ordering',
    label: 'Ordering question',
    scope: 'question',
    yaml: `  - id: put-in-order
    type: ordering               # items in the CORRECT order; learners see them shuffled
    prompt: "Order the scopes Python searches for a name."
    items: [Local, Enclosing, Global, Built-in]
`,
  },
  {
    id: 'predict_output',
    label: 'Predict the output question',
    scope: 'question',
    yaml: `  - id: predict-it
    type: predict_output
    prompt: "What does this print?"
    code: |
      fs = [lambda: i for i in range(3)]
      print([f() for f in fs])
    expected_output: "[2, 2, 2]"
`,
  },
  {
    id: 'short_answer',
    label: 'Short answer question',
    scope: 'question',
    yaml: `  - id: name-the-keyword
    type: short_answer
    prompt: "Which keyword lets an inner function rebind a variable of the enclosing function?"
    accept: [nonlocal]
`,
  },
  {
    id: 'parsons',
    label: 'Parsons problem (order the lines)',
    scope: 'question',
    yaml: `  - id: build-adder
    type: parsons                # the solution's lines plus the distractors, shuffled
    prompt: "Build \`make_adder(k)\`: it returns a function that adds \`k\` to its argument."
    indent: true                 # learners indent the lines too (4 spaces a level)
    solution: |
      def make_adder(k):
          def add(x):
              return x + k
          return add
    distractors:
      - "return add(k)"
`,
  },
  {
    id: 'parsons-run',
    label: 'Parsons problem graded by running it',
    scope: 'question',
    yaml: `  - id: run-adder
    type: parsons
    grading: run                 # the assembled program is graded against tests, like code
    prompt: "Build \`make_adder(k)\`; any order that works earns full credit."
    indent: true
    solution: |
      def make_adder(k):
          def add(x):
              return x + k
          return add
    distractors:
      - "return add(k)"
    tests:                       # hidden; required with grading: run
      - { name: adds_k, expr: "make_adder(3)(4)", expected: 7, feedback: "make_adder(3)(4) is 7." }
`,
  },
  {
    id: 'code',
    label: 'Code question (inline)',
    scope: 'question',
    yaml: `  - id: write-double
    type: code                   # a solution and at least two wrong solutions are required
    prompt: "Write \`double(x)\`."
    starter: |
      def double(x):
          ...
    tests:
      - { name: doubles, expr: "double(21)", expected: 42, feedback: "double(21) is 42." }
    solution: |
      def double(x):
          return 2 * x
    wrong_solutions:
      - { name: triples, code: "def double(x):\\n    return 3 * x\\n", fails: [doubles], feedback: "is 42" }
      - { name: squares, code: "def double(x):\\n    return x * x\\n", fails: [doubles], feedback: "is 42" }
`,
  },
];

export const TEMPLATES: Template[] = [
  { id: 'exercise', label: 'Exercise file (one code question)', scope: 'file', yaml: EXERCISE },
  { id: 'quiz', label: 'Quiz file', scope: 'file', yaml: QUIZ },
  { id: 'exam', label: 'Timed exam file', scope: 'file', yaml: EXAM },
  ...QUESTIONS,
];

/** The editor's text with a template put in: a file replaces it, a question goes under `questions:`. */
export function withTemplate(text: string, template: Template): string {
  if (template.scope === 'file') return template.yaml;
  const body = text.trimEnd();
  if (body === '') return `${QUIZ}${template.yaml}`;
  const list = /^questions:\s*(#.*)?$/m.test(body) ? '' : 'questions:\n';
  return `${body}\n${list}${template.yaml}`;
}
