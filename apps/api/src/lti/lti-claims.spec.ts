import { lineItemOf, mapRoles, quizOfLaunch, scoresUrl } from './lti-claims.js';
import { retryDelay } from './score-sender.js';

const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership';

describe(mapRoles.name, () => {
  it.each([
    [[`${M}#Instructor`], 'instructor'],
    [[`${M}/Instructor#TeachingAssistant`], 'instructor'],
    [[`${M}#ContentDeveloper`], 'instructor'],
    [['Instructor'], 'instructor'],
    [[`${M}#Learner`], 'learner'],
    [[`${M}#Mentor`], 'learner'],
    [['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator', 'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator'], 'learner'],
    [[`${M}#Administrator`], 'learner'],
    [undefined, 'learner'],
  ])('%j -> %s (an LMS administrator is never more than the course says)', (roles, expected) => {
    expect(mapRoles(roles)).toBe(expected);
  });
});

describe(quizOfLaunch.name, () => {
  it('reads the quiz custom parameter first, then ?quiz= of the target link', () => {
    expect(quizOfLaunch({ quiz: 'closures/a' }, 'https://q.example/api/lti/launch?quiz=closures/b')).toBe('closures/a');
    expect(quizOfLaunch(undefined, 'https://q.example/api/lti/launch?quiz=closures/b')).toBe('closures/b');
    expect(quizOfLaunch({}, 'https://q.example/api/lti/launch')).toBeUndefined();
    expect(quizOfLaunch({ quiz: 3 }, 'not a url')).toBeUndefined();
  });
});

describe(lineItemOf.name, () => {
  it('gives the line item only when the launch grants the score scope', () => {
    const lineitem = 'https://lms.example/lineitems/7';
    expect(lineItemOf({ lineitem, scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'] })).toBe(lineitem);
    expect(lineItemOf({ lineitem, scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly'] })).toBeUndefined();
    expect(lineItemOf({ scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'] })).toBeUndefined();
  });
});

describe(scoresUrl.name, () => {
  it('appends /scores to the path and keeps the query (Moodle line items carry ?type_id=)', () => {
    expect(scoresUrl('https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1')).toBe('https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1');
    expect(scoresUrl('https://canvas.example/api/lti/courses/1/line_items/9/')).toBe('https://canvas.example/api/lti/courses/1/line_items/9/scores');
  });
});

describe(retryDelay.name, () => {
  it('doubles from 30 s and stops at 6 h', () => {
    expect([1, 2, 3].map(retryDelay)).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelay(40)).toBe(6 * 3600_000);
  });
});
