import type { EditorView } from '@codemirror/view';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ApiError, api, errorText } from '../api/client.js';
import type { AuthoringQuizDetail, SaveQuizResult, SolutionViolation, SpecErrorItem, ValidationReport } from '../api/types.js';
import { ErrorBox, Loading, PageTitle } from '../components/feedback.js';
import { useLoad } from '../components/use-load.js';
import { CodeEditor, goToLine } from '../editor/code-editor.js';
import { navigate } from '../router.js';
import { TemplatePicker } from './template-picker.js';
import { TryCodePanel } from './try-code-panel.js';
import { ValidationPanel } from './validation-panel.js';

interface Problems {
  errors: SpecErrorItem[];
  violations: SolutionViolation[];
}
const NO_PROBLEMS: Problems = { errors: [], violations: [] };

/**
 * The confirmation of an upload, carried across the switch to the new quiz's editor (a new page
 * instance, whose own state starts empty); read once by that page.
 */
let carriedConfirmation: string | undefined;

const OUTCOME_TEXT: Record<SaveQuizResult['outcome'], string> = {
  created: 'as a new version',
  unchanged: 'with no change (same content as the current version)',
  restored: 'by making the earlier version with this content current again',
};

export function saveConfirmation(result: SaveQuizResult, uploaded: boolean): string {
  const head = uploaded ? `Uploaded ${result.id}: version ${result.version}.` : `Saved ${result.id} ${OUTCOME_TEXT[result.outcome]}: version ${result.version}.`;
  const audience = result.published
    ? uploaded ? 'Learners can see it now.' : 'It stays published: learners see this version.'
    : 'It is hidden from learners until you publish it from the Exercises list.';
  return `${head} ${audience}`;
}

/** Upload or edit a quiz's YAML; validation errors are marked at their lines and listed. */
export function EditorPage({ quizId }: { quizId?: string }) {
  const detail = useLoad(() => (quizId ? api.get<AuthoringQuizDetail>(`/api/authoring/quizzes/${quizId}`) : Promise.resolve(undefined)), quizId ?? 'new');
  const [yaml, setYaml] = useState('');
  const [verify, setVerify] = useState(false);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirmation, setConfirmation] = useState<string>();
  const [takenId, setTakenId] = useState<string>();
  const view = useRef<EditorView | null>(null);
  useEffect(() => {
    setConfirmation(carriedConfirmation);
    carriedConfirmation = undefined;
  }, []);
  useEffect(() => setYaml(detail.data?.sourceYaml ?? ''), [detail.data]);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    const text = await file.text();
    setYaml(text);
    setStatus(`Loaded ${file.name}. Validating…`);
    await validate(text);
  }
  async function validate(text = yaml) {
    await act(async () => {
      const report = await api.post<ValidationReport>('/api/authoring/validate', { yaml: text, verify });
      setProblems({ errors: report.errors, violations: report.violations });
      setStatus(report.valid ? `Valid${report.verified ? ', solutions verified' : ''}: ${report.id}` : 'The file has errors: see the list below the editor.');
    });
  }
  async function save() {
    await act(async () => {
      const body = { yaml, verify };
      const result = quizId ? await api.put<SaveQuizResult>(`/api/authoring/quizzes/${quizId}`, body) : await api.post<SaveQuizResult>('/api/authoring/quizzes', body);
      setProblems(NO_PROBLEMS);
      setStatus('');
      if (quizId) {
        setConfirmation(saveConfirmation(result, false));
        detail.reload();
      } else {
        carriedConfirmation = saveConfirmation(result, true);
        navigate(`/instructor/edit/${result.id}`);
      }
    });
  }
  async function act(work: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setConfirmation(undefined);
    setTakenId(undefined);
    try {
      await work();
    } catch (e) {
      const details = e instanceof ApiError && e.status === 422 ? (e.details as Problems | undefined) : undefined;
      if (details) {
        setProblems({ errors: details.errors ?? [], violations: details.violations ?? [] });
        setStatus('Not saved: the file has errors.');
      } else if (e instanceof ApiError && e.status === 409 && !quizId) {
        const id = (e.details as { id?: unknown } | undefined)?.id;
        setTakenId(typeof id === 'string' ? id : undefined);
        setError(typeof id === 'string' ? `A quiz with id "${id}" already exists. Open it to save a new version, or change the id in the file.` : errorText(e));
      } else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const diagnostics = problems.errors.map((e) => ({ line: e.line, column: e.column, message: e.path ? `${e.path}: ${e.message}` : e.message }));
  return (
    <section>
      <PageTitle>{quizId ? `Edit ${detail.data?.title ?? quizId}` : 'Upload a quiz or exercise'}</PageTitle>
      {detail.loading && quizId && !detail.data && <Loading />}
      <ErrorBox message={detail.error} />
      <Rules />
      <TemplatePicker yaml={yaml} onInsert={setYaml} />
      <div className="button-row">
        <label className="file-input">
          Load a YAML file <input type="file" accept=".yaml,.yml,text/yaml" onChange={(e) => void onFile(e)} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={verify} onChange={(e) => setVerify(e.currentTarget.checked)} /> Also grade the reference and wrong solutions
        </label>
      </div>
      <CodeEditor language="yaml" label="Quiz YAML" value={yaml} onChange={setYaml} diagnostics={diagnostics} onReady={(v) => (view.current = v)} />
      <div className="button-row">
        {/* aria-disabled while working: a disabled button would drop the focus to the page body. */}
        <button type="button" onClick={() => void validate()} disabled={!yaml.trim()} aria-disabled={busy}>
          Validate
        </button>
        <button type="button" className="primary" onClick={() => void save()} disabled={!yaml.trim()} aria-disabled={busy}>
          {quizId ? 'Save a new version' : 'Upload'}
        </button>
        {quizId && <a href={`#/instructor/preview/${quizId}`}>Preview as a learner</a>}
      </div>
      <p role="status" aria-live="polite" className="editor-status">
        {busy ? 'Working…' : status}
      </p>
      {confirmation && (
        <p className="notice success" role="status" data-testid="save-confirmation">
          {confirmation}
        </p>
      )}
      <ErrorBox message={error} />
      {takenId && (
        <p>
          <a href={`#/instructor/edit/${takenId}`}>Open {takenId} in the editor</a>
        </p>
      )}
      <ValidationPanel errors={problems.errors} violations={problems.violations} onGoTo={(line) => view.current && goToLine(view.current, line)} />
      <TryCodePanel yaml={yaml} />
    </section>
  );
}

/** What is refused, said before the instructor writes anything rather than after Upload. */
function Rules() {
  return (
    <div className="notice rules" data-testid="authoring-rules">
      <p>
        <strong>Before you start:</strong> one file is one quiz or one exercise, in YAML. Start from a template below, or read the{' '}
        <a href="#/instructor/guide">authoring guide</a> (every field, with examples).
      </p>
      <ul>
        <li>
          Every code question needs a reference <code>solution</code> that passes every test, and at least two <code>wrong_solutions</code>: typical mistakes,
          each with the tests it <code>fails</code> and the <code>feedback</code> a learner then reads.
        </li>
        <li>
          <code>examples</code> are visible to learners; <code>tests</code> are hidden: learners see a hidden test's name and its <code>feedback</code> only.
        </li>
        <li>Unknown keys are errors; the <code>id</code> is <code>&lt;course&gt;/&lt;file name&gt;</code>. New files stay hidden from learners until you publish them.</li>
      </ul>
    </div>
  );
}
