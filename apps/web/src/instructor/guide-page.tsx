// The guide is bundled with the instructor pages at build time (Vite's ?raw import): the page
// works offline and always matches the platform it ships with.
import guide from '../../../../docs/authoring.md?raw';
import { PageTitle } from '../components/feedback.js';
import { Markdown } from '../components/markdown.js';

/** docs/authoring.md, rendered: the format of every file and question type, with examples. */
export function GuidePage() {
  const body = guide.replace(/^# .*\n/, '');
  return (
    <section className="guide">
      <PageTitle>Authoring guide</PageTitle>
      <p>
        <a href="#/instructor/new">Upload a new quiz or exercise</a> · <a href="#/instructor">Exercises</a>
      </p>
      <Markdown className="markdown guide-text" text={body} />
    </section>
  );
}
