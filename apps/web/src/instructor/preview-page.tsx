import { api } from '../api/client.js';
import type { AuthoringPreview } from '../api/types.js';
import { ErrorBox, Loading, PageTitle } from '../components/feedback.js';
import { useLoad } from '../components/use-load.js';
import { QuestionCard } from '../questions/question-card.js';

/** The current version exactly as a learner sees it; nothing is sent or graded. */
export function PreviewPage({ quizId }: { quizId: string }) {
  const preview = useLoad(() => api.get<AuthoringPreview>(`/api/authoring/quizzes/${quizId}/preview`), quizId);
  const quiz = preview.data;
  return (
    <section>
      <PageTitle>Preview: {quiz?.title ?? quizId}</PageTitle>
      <p className="notice">
        You see version {quiz?.version ?? '…'} as a learner would. Answers and code are not graded here: to grade the reference solution, a wrong one or
        your own code against every test, hidden ones included, use “Run code against every test” in the editor.{' '}
        <a href={`#/instructor/edit/${quizId}`}>Back to the editor</a>
      </p>
      {preview.loading && !quiz && <Loading />}
      <ErrorBox message={preview.error} />
      {quiz?.questions.map((question, index) => (
        <QuestionCard
          key={question.id}
          question={question}
          index={index}
          total={quiz.questions.length}
          attemptId={undefined}
          answer={undefined}
          locked={false}
          onAnswered={() => undefined}
          refresh={() => undefined}
        />
      ))}
    </section>
  );
}
