import { RateWindow } from './rate-window.js';

describe(RateWindow.name, () => {
  const at = (second: number, ms = 0) => second * 1000 + ms;

  it('averages completed seconds over the window, leaving out the current partial second', () => {
    const rate = new RateWindow(10);
    for (let i = 0; i < 50; i++) rate.record(at(100, i));
    for (let i = 0; i < 30; i++) rate.record(at(101, i));
    for (let i = 0; i < 99; i++) rate.record(at(102, i));
    expect(rate.perSecond(at(102, 500))).toBe(8); // (50 + 30) / 10
  });

  it('forgets events older than the window', () => {
    const rate = new RateWindow(10);
    for (let i = 0; i < 40; i++) rate.record(at(100, i));
    expect(rate.perSecond(at(105))).toBe(4);
    expect(rate.perSecond(at(111))).toBe(0);
  });
});
