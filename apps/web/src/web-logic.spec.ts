import { moveItem } from './questions/move-item.js';
import { matchRoute } from './router.js';

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
