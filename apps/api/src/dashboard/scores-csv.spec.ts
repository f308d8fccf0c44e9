import { parse } from 'csv-parse/sync';
import { neutraliseFormula, scoresFileName, toScoresCsv } from './scores-csv.js';

const row = {
  email: 'ada@example.org',
  displayName: 'Ada Lovelace',
  attempts: 2,
  bestScore: 2.5,
  maxScore: 3,
  lastSubmittedAt: new Date('2026-11-20T10:00:00.000Z'),
};

describe(toScoresCsv.name, () => {
  it('writes a header and one CRLF-terminated row per learner', () => {
    expect(toScoresCsv([row])).toBe(
      'email,name,attempts,best_score,max_score,last_submitted_at\r\n' +
        'ada@example.org,Ada Lovelace,2,2.5,3,2026-11-20T10:00:00.000Z\r\n',
    );
  });

  it('quotes commas, quotes and line breaks so the cells read back unchanged', () => {
    const tricky = { ...row, displayName: 'Lovelace, "Ada"\nCountess' };
    const [, cells] = parse(toScoresCsv([tricky])) as string[][];
    expect(cells[1]).toBe('Lovelace, "Ada"\nCountess');
  });

  it('leaves best score, max score and date empty for a learner without a submitted attempt', () => {
    const csv = toScoresCsv([{ ...row, bestScore: null, maxScore: null, lastSubmittedAt: null }]);
    expect(csv.split('\r\n')[1]).toBe('ada@example.org,Ada Lovelace,2,,,');
  });

  it('stops spreadsheets from running a name as a formula', () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutraliseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseFormula('Ada')).toBe('Ada');
  });
});

describe(scoresFileName.name, () => {
  it('turns the quiz id into a header-safe file name', () => {
    expect(scoresFileName('closures/make-counter')).toBe('closures-make-counter-scores.csv');
    expect(scoresFileName('a"b;c/d')).toBe('a-b-c-d-scores.csv');
  });
});

describe('scores CSV rounding', () => {
  it('writes points with two decimals, as the learner and admin pages show them', () => {
    const csv = toScoresCsv([{ ...row, bestScore: 2.666667, maxScore: 4 }]);
    expect(csv.split('\r\n')[1]).toBe('ada@example.org,Ada Lovelace,2,2.67,4,2026-11-20T10:00:00.000Z');
  });
});
