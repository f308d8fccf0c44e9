import { moveItem } from './move-item.js';

/** A given line: `id` is its position in the question's list, so repeated lines stay distinct. */
export interface Block {
  id: number;
  line: string;
}

export interface PlacedBlock extends Block {
  indent: number;
}

/** What is on the board: the lines not used yet (in the order given) and the learner's program. */
export interface Board {
  unused: Block[];
  program: PlacedBlock[];
}

export const MAX_INDENT = 12;

/**
 * The board of a Parsons problem; a sent answer (`[{ line, indent }]`) is laid out again in its
 * order, each line taking the first given block with that text.
 */
export function initialBoard(lines: string[], sent?: unknown): Board {
  const unused = lines.map((line, id) => ({ id, line }));
  const program: PlacedBlock[] = [];
  if (Array.isArray(sent)) {
    for (const item of sent as { line?: unknown; indent?: unknown }[]) {
      const at = unused.findIndex((block) => block.line === item?.line);
      if (at < 0) continue;
      const [block] = unused.splice(at, 1);
      program.push({ ...block!, indent: typeof item.indent === 'number' ? item.indent : 0 });
    }
  }
  return { unused, program };
}

/** Moves an unused line to the end of the program, at the depth of the line before it. */
export function addLine(board: Board, unusedIndex: number): Board {
  const block = board.unused[unusedIndex];
  if (!block) return board;
  const indent = board.program.at(-1)?.indent ?? 0;
  return { unused: board.unused.filter((_, i) => i !== unusedIndex), program: [...board.program, { ...block, indent }] };
}

/** Puts a program line back among the unused ones, in its given place. */
export function removeLine(board: Board, programIndex: number): Board {
  const block = board.program[programIndex];
  if (!block) return board;
  const unused = [...board.unused, { id: block.id, line: block.line }].sort((a, b) => a.id - b.id);
  return { unused, program: board.program.filter((_, i) => i !== programIndex) };
}

export function moveLine(board: Board, from: number, to: number): Board {
  const program = moveItem(board.program, from, to);
  return program === board.program ? board : { ...board, program };
}

/** One level deeper (+1) or shallower (-1), within 0..MAX_INDENT. */
export function indentLine(board: Board, programIndex: number, by: 1 | -1): Board {
  const block = board.program[programIndex];
  if (!block) return board;
  const indent = Math.min(MAX_INDENT, Math.max(0, block.indent + by));
  if (indent === block.indent) return board;
  return { ...board, program: board.program.map((b, i) => (i === programIndex ? { ...b, indent } : b)) };
}

// Spaces per level in the program a run-graded problem's lines make (quiz-spec assembleProgram).
const PROGRAM_INDENT = 4;

/**
 * A program sent for a problem graded by running (`assembleProgram`: each line at 4 spaces per
 * level), read back as the answer it was made from, for `initialBoard`: after a reload the board
 * shows the program last run or submitted.
 */
export function programAnswer(source: string, withIndent: boolean): { line: string; indent: number }[] {
  const rows = source.split('\n');
  if (rows.at(-1) === '') rows.pop();
  return rows.map((row) => {
    if (!withIndent) return { line: row, indent: 0 };
    const line = row.trimStart();
    return { line, indent: Math.floor((row.length - line.length) / PROGRAM_INDENT) };
  });
}

/** The answer the API takes: lines as shown, in order; `indent` only when the problem asks for it. */
export function toResponse(board: Board, withIndent: boolean): { line: string; indent?: number }[] {
  return board.program.map((b) => (withIndent ? { line: b.line, indent: b.indent } : { line: b.line }));
}
