-- Stores a pending submission in one statement (one round trip, no interactive transaction):
-- what SubmissionsRepository.create did with BEGIN, a row lock, a CTE and COMMIT (four round
-- trips, each one a pass through the whole engine on the embedded database).
-- The attempt row is locked first, so the submission cannot slip past a concurrent finish; for
-- `submit` the question's limit (0 = unlimited) is counted after the lock is held, in a statement
-- of its own: a VOLATILE plpgsql function takes a new snapshot per statement under READ
-- COMMITTED, so the count sees what the previous holder of the lock committed. Submissions that
-- failed on our side (`error`) do not count.
CREATE FUNCTION "create_pending_submission"(
  p_attempt uuid, p_user uuid, p_question uuid, p_source text, p_kind "SubmissionKind", p_limit int, p_now timestamptz
) RETURNS TABLE ("createdId" text, "refusal" text, "used" int)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_status text;
  v_used int;
  v_id uuid;
BEGIN
  SELECT a."status"::text INTO v_status FROM "attempts" a WHERE a."id" = p_attempt FOR UPDATE;
  IF p_kind = 'submit' AND v_status IS DISTINCT FROM 'in_progress' THEN
    RETURN QUERY SELECT NULL::text, 'attempt_submitted'::text, 0;
    RETURN;
  END IF;
  SELECT count(*)::int INTO v_used FROM "submissions" s
  WHERE s."attemptId" = p_attempt AND s."questionId" = p_question
    AND s."kind" = 'submit' AND s."status" IN ('pending', 'grading', 'graded');
  IF p_kind = 'submit' AND p_limit > 0 AND v_used >= p_limit THEN
    RETURN QUERY SELECT NULL::text, 'limit_reached'::text, v_used;
    RETURN;
  END IF;
  INSERT INTO "submissions" ("id", "attemptId", "userId", "questionId", "source", "kind", "status", "createdAt", "updatedAt")
  VALUES (gen_random_uuid(), p_attempt, p_user, p_question, p_source, p_kind, 'pending', p_now, p_now)
  RETURNING "submissions"."id" INTO v_id;
  UPDATE "attempts" a SET "updatedAt" = p_now WHERE a."id" = p_attempt;
  RETURN QUERY SELECT v_id::text, NULL::text, v_used;
END
$$;
