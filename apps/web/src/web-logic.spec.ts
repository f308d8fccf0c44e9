import { formatPoints, pointsOf } from './components/points.js';
import { explainOutcome } from './questions/outcome-text.js';
import { moveItem } from './questions/move-item.js';
import { authLink, matchRoute, returnPathOf } from './router.js';

describe('matchRoute', () => {
  it('extracts quiz ids from two path segments and rejects other shapes', () => {
    expect(matchRoute('/quiz/:course/:slug', '/quiz/closures/make-counter')).toEqual({ course: 'closures', slug: 'make-counter' });
    expect(matchRoute('/quiz/:course/:slug', '/quiz/closures')).toBeNull();
    expect(matchRoute('/instructor', '/instructor/new')).toBeNull();
    expect(matchRoute('/', '/')).toEqual({});
  });
});

describe('moveItem', () => {
  it('moves one item and leaves the original list alone', () => {
    const list = ['Local', 'Enclosing', 'Global', 'Built-in'];
    expect(moveItem(list, 3, 0)).toEqual(['Built-in', 'Local', 'Enclosing', 'Global']);
    expect(moveItem(list, 0, 1)).toEqual(['Enclosing', 'Local', 'Global', 'Built-in']);
    expect(list).toEqual(['Local', 'Enclosing', 'Global', 'Built-in']);
  });

  it('ignores moves past either end (Alt+Up on the first item)', () => {
    const list = ['a', 'b'];
    expect(moveItem(list, 0, -1)).toBe(list);
    expect(moveItem(list, 1, 2)).toBe(list);
  });
});

describe('explainOutcome', () => {
  it('never says "the memory limit of memory" when no limit is set, and names a set limit', () => {
    expect(explainOutcome('memory_limit', {})).toBe('Your code used more memory than the grader allows and was stopped: look for a list or string that keeps growing.');
    expect(explainOutcome('memory_limit', { memory_mb: 64 })).toContain('more than 64 MB of memory');
    expect(explainOutcome('timeout', {})).toContain('took longer than the grader allows');
  });
});

describe('formatPoints', () => {
  it('rounds points to two decimals as the CSV does', () => {
    expect(pointsOf(2.666667, 4)).toBe('2.67 / 4');
    expect(formatPoints(3)).toBe('3');
  });
});

describe('returnPathOf', () => {
  it('leads back to a deep link, through the sign-in and register pages, and nowhere outside the app', () => {
    expect(returnPathOf('/quiz/closures/make-counter')).toBe('/quiz/closures/make-counter');
    expect(returnPathOf(`/register?next=${encodeURIComponent('/quiz/closures/make-counter')}`)).toBe('/quiz/closures/make-counter');
    expect(returnPathOf(authLink('/login', '/instructor/edit/closures/x'))).toBe('/instructor/edit/closures/x');
    expect(returnPathOf('/login')).toBe('/');
    expect(returnPathOf('/login?next=//evil.example')).toBe('/');
    expect(returnPathOf('/login?next=https://evil.example')).toBe('/');
    expect(returnPathOf('/login?next=/register')).toBe('/');
    expect(authLink('/register', '/')).toBe('/register');
  });
});
