import { python } from '@codemirror/lang-python';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { indentWithTab } from '@codemirror/commands';
import { indentUnit } from '@codemirror/language';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useId, useRef } from 'react';

export interface LineDiagnostic {
  line: number;
  column: number;
  message: string;
}

interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  language: 'python' | 'yaml';
  /** Accessible name of the editing area. */
  label: string;
  /** Errors to mark in the gutter and underline (1-based line and column). */
  diagnostics?: LineDiagnostic[];
  readOnly?: boolean;
  /** Receives the view, so a list of errors can move the cursor to a line. */
  onReady?(view: EditorView): void;
}

/** Python indents by 4 spaces, as the starters and PEP 8 do; YAML by 2, as the guide's files. */
const INDENT = { python: '    ', yaml: '  ' } as const;

/**
 * Tab indents (Shift+Tab dedents), as in any code editor. So that keyboard users are never
 * trapped, Escape lets the next Tab (within 2 s) move the focus on, and Ctrl+M (basicSetup)
 * toggles that for good; Escape still runs its usual command (returns false).
 */
const TAB_KEYS = keymap.of([
  indentWithTab,
  {
    key: 'Escape',
    run: (view) => {
      view.setTabFocusMode(2000);
      return false;
    },
  },
]);

/**
 * CodeMirror 6 owned by React only through this wrapper: created once, fed new text only when
 * the value changes from outside (a reset or a loaded file), never on the user's own typing.
 */
export function CodeEditor({ value, onChange, language, label, diagnostics, readOnly, onReady }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const hintId = useId();
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          language === 'python' ? python() : yaml(),
          indentUnit.of(INDENT[language]),
          EditorState.tabSize.of(INDENT[language].length),
          Prec.high(TAB_KEYS),
          lintGutter(),
          EditorState.readOnly.of(!!readOnly),
          // Read-only (a finished attempt under review) is announced, not only enforced.
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': hintId, ...(readOnly ? { 'aria-readonly': 'true' } : {}) }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    onReady?.(editor);
    return () => editor.destroy();
    // The editor is built once per mount; later props are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, toDiagnostics(editor.state, diagnostics ?? [])));
  }, [diagnostics]);

  return (
    <>
      <div className="code-editor" ref={host} />
      {!readOnly && (
        <p id={hintId} className="muted small editor-keys">
          In the editor, Tab indents by {INDENT[language].length} spaces and Shift+Tab dedents; press Esc, then Tab, to move on to the next control.
        </p>
      )}
    </>
  );
}

function toDiagnostics(state: EditorState, items: LineDiagnostic[]): Diagnostic[] {
  return items.map((item) => {
    const line = state.doc.line(Math.min(Math.max(item.line, 1), state.doc.lines));
    const from = Math.min(line.from + Math.max(item.column - 1, 0), line.to);
    return { from, to: line.to > from ? line.to : from, severity: 'error', message: item.message };
  });
}

/** Moves the cursor to a 1-based line and focuses the editor. */
export function goToLine(editor: EditorView, lineNumber: number): void {
  const line = editor.state.doc.line(Math.min(Math.max(lineNumber, 1), editor.state.doc.lines));
  editor.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
  editor.focus();
}
