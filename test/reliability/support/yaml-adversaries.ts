/** Hand-written hostile YAML documents: each must give a located error quickly. */
export function adversarialDocuments(): Record<string, string> {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const next = String.fromCharCode(97 + i);
    laughs.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return {
    'billion laughs (9^10 expansions through anchors and aliases)': `kind: quiz\nid: x/y\n${laughs.join('\n')}\n`,
    'alias bomb inside a quiz field': `kind: quiz\nid: x/y\ntitle: &t [${'"x",'.repeat(50)}]\nquestions: [${Array(200).fill('*t').join(',')}]\n`,
    'flow nesting 20,000 deep': `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    'map nesting 2,000 deep': Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n',
    'unclosed flow 50,000 deep': '{a: '.repeat(50_000),
    'string just under the file limit': `kind: quiz\nid: x/y\ntitle: "${'x'.repeat(250_000)}"\n`,
    'string over the file limit (1 MB)': `kind: quiz\nid: x/y\ntitle: "${'x'.repeat(1_000_000)}"\n`,
    'one flow map of 20,000 keys': `{${Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`).join(', ')}}`,
    'undefined alias': 'kind: quiz\nid: x/y\ntitle: *nothing\n',
    'recursive merge keys': 'a: &a\n  <<: *a\n',
    'tabs, BOM and NUL': '\ufeffkind:\tquiz\nid: "\u0000"\n\ttitle: x\n',
    'custom tags': 'kind: !!python/object:os.system quiz\nid: !js/function "x"\n',
    'many documents': Array(5_000).fill('kind: quiz').join('\n---\n'),
    'empty file': '',
    'only a comment': '# nothing\n',
    'a scalar': '42',
    'wrong types everywhere': 'kind: [quiz]\nid: 7\ntitle: {a: 1}\nquestions: "none"\npublished: maybe\n',
    'question with wrong field types': 'kind: quiz\nid: x/y\ntitle: T\nquestions:\n  - id: [1]\n    type: single_choice\n    prompt: 5\n    points: -3e400\n    choices: {a: b}\n',
    'exercise with code question of wrong types': 'kind: exercise\nid: x/y\ntitle: T\nquestions:\n  - id: c\n    type: code\n    prompt: p\n    tests: 12\n    solution: [1, 2]\n',
  };
}
