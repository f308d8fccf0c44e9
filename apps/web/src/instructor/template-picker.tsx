import { useState } from 'react';
import { TEMPLATES, withTemplate } from './templates.js';

/** "Insert a template": a whole exercise or quiz file, or one question of each type. */
export function TemplatePicker({ yaml, onInsert }: { yaml: string; onInsert(next: string): void }) {
  const [id, setId] = useState(TEMPLATES[0]!.id);
  const template = TEMPLATES.find((t) => t.id === id)!;
  function insert() {
    // A file template replaces the text: never without asking when there is something to lose.
    if (template.scope === 'file' && yaml.trim() && !window.confirm(`Replace the text in the editor with the ${template.label.toLowerCase()} template?`)) return;
    onInsert(withTemplate(yaml, template));
  }
  return (
    <div className="button-row template-picker">
      <label>
        Template{' '}
        <select aria-label="Template" value={id} onChange={(e) => setId(e.currentTarget.value)}>
          <optgroup label="Whole file (replaces the text)">
            {TEMPLATES.filter((t) => t.scope === 'file').map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="One question (added at the end, under questions:)">
            {TEMPLATES.filter((t) => t.scope === 'question').map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <button type="button" onClick={insert}>
        Insert template
      </button>
    </div>
  );
}
