import { LearnerTable } from '../admin/learner-table.js';
import { PageTitle } from '../components/feedback.js';

/**
 * The learners and, one at a time, their work (attempts, each submission's code and verdict), for
 * instructors as well as admins: the API lets both read it, and teachers are who need it.
 */
export function LearnersPage() {
  return (
    <section>
      <PageTitle>Learners</PageTitle>
      <p>Open a learner to see their attempts and each code submission with its verdict.</p>
      <LearnerTable />
    </section>
  );
}
