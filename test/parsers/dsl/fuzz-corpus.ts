// Seeds and token-level mutations for the DSL build fuzz test: every pipeline under fixtures/dsl (each of its .nf
// and .config files in turn) and every DSL script the tests hold in a template literal, each in a project
// directory of its own that a case rewrites one file of.
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { createLexer } from '../../../parsers/dsl/syntax/lexer.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

// One file to mutate, in a project whose main script is built.
export interface Seed {
  readonly name: string; // where it comes from, for messages
  readonly project: string; // the scratch copy of its project
  readonly file: string; // the file a case rewrites (absolute, inside project)
  readonly main: string; // the script a case builds (absolute, inside project)
  readonly text: string; // the file's original text
  readonly args: readonly string[]; // the params its project is built with
  readonly profiles: readonly string[];
}

// What a fixture project needs to build as its own tests build it: data its repository ships, params, profiles.
const SETUP: Record<string, (project: string) => { args?: string[]; profiles?: string[] }> = {
  'nf-template': (project) => ({
    profiles: ['test'],
    args: ['--input', join(project, 'samplesheet.csv'), '--outdir', join(project, 'results')],
  }),
  'upstream/rnaseq-nf': (project) => {
    const data = join(ROOT, 'fixtures', 'dsl', 'rnaseq', 'data', 'ggal');
    mkdirSync(join(project, 'data', 'ggal'), { recursive: true });
    cpSync(join(data, 'gut_1.fq'), join(project, 'data', 'ggal', 'ggal_gut_1.fq'));
    cpSync(join(data, 'gut_2.fq'), join(project, 'data', 'ggal', 'ggal_gut_2.fq'));
    cpSync(
      join(data, 'transcriptome.fa'),
      join(project, 'data', 'ggal', 'ggal_1_48850000_49020000.Ggal71.500bpflank.fa'),
    );
    return {};
  },
};

// Files under `dir` whose names match `pattern`, recursively.
function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

// The DSL scripts test files hold in template literals without substitutions (a `process` or `workflow` in them).
function testScripts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const file of filesUnder(join(ROOT, 'test'), /\.test\.ts$/)) {
    const source = readFileSync(file, 'utf8');
    if (!/\bworkflow\s*\{|\bprocess\s+\w+\s*\{/.test(source)) continue;
    const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false);
    const visit = (node: ts.Node): void => {
      if (ts.isNoSubstitutionTemplateLiteral(node) && /\bworkflow\s*\{|\bprocess\s+\w+\s*\{/.test(node.text)) {
        const { line } = tree.getLineAndCharacterOfPosition(node.getStart(tree));
        out.push({ name: `${relative(ROOT, file)}:${line + 1}`, text: node.text });
      }
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  return out;
}

// Copies every fixture pipeline and writes every test script into `scratch`, and returns one seed per file.
export function collectSeeds(scratch: string): Seed[] {
  const seeds: Seed[] = [];
  const fixtures = join(ROOT, 'fixtures', 'dsl');
  // a project is a directory with a main.nf that lies in no other project (modules have main.nf files too)
  const dirs = filesUnder(fixtures, /^main\.nf$/)
    .map((main) => resolve(main, '..'))
    .sort((a, b) => a.length - b.length);
  const projects = dirs.filter((dir, i) => !dirs.slice(0, i).some((outer) => dir.startsWith(`${outer}/`)));
  for (const dir of projects) {
    const project = join(scratch, 'fixtures', relative(fixtures, dir));
    cpSync(dir, project, { recursive: true });
    const { args = [], profiles = [] } = SETUP[relative(fixtures, dir)]?.(project) ?? {};
    for (const file of filesUnder(project, /\.(nf|config)$/)) {
      const name = `fixtures/dsl/${relative(fixtures, dir)}/${relative(project, file)}`;
      const text = readFileSync(file, 'utf8');
      seeds.push({ name, project, file, main: join(project, 'main.nf'), text, args, profiles });
    }
  }
  testScripts().forEach((script, i) => {
    const project = join(scratch, 'scripts', String(i));
    mkdirSync(project, { recursive: true });
    const file = join(project, 'main.nf');
    writeFileSync(file, script.text);
    seeds.push({ name: script.name, project, file, main: file, text: script.text, args: [], profiles: [] });
  });
  return seeds;
}

// A text as its tokens (each with its lexer type and the blanks and comments before it), and what follows the last.
export interface Tokens {
  readonly pieces: readonly Piece[];
  readonly tail: string;
}

interface Piece {
  readonly gap: string;
  readonly image: string;
  readonly type: string;
}

const lexer = createLexer();

// Splits `text` at the DSL lexer's tokens (line breaks are tokens; blanks and comments go with the next token).
export function splitTokens(text: string): Tokens {
  const pieces: Piece[] = [];
  let at = 0;
  for (const token of lexer.tokenize(text).tokens) {
    pieces.push({ gap: text.slice(at, token.startOffset), image: token.image, type: token.tokenType.name });
    at = token.startOffset + token.image.length;
  }
  return { pieces, tail: text.slice(at) };
}

// Tokens worth inserting that fixtures seldom hold: edge values, keywords, unbalanced brackets.
const EXTRA = [
  ...['{', '}', '(', ')', '[', ']', ',', ':', '.', '?.', '*.', '?:', '->', '|', '&', '..', '..<', '=', '==', '<=>'],
  ...['+', '-', '*', '/', '%', '**', '!', '~', '=~', '==~', '<<', '>>', '++', '--', '+=', 'in', 'instanceof', 'as'],
  ...['null', 'true', 'false', '0', '-1', '2147483648', '1e308', '0.5', "''", '""', '"${x}"', '/re/', '$/x/$'],
  ...['def', 'if', 'else', 'for', 'while', 'return', 'break', 'continue', 'try', 'catch', 'throw', 'new'],
  ...['process', 'workflow', 'include', 'from', 'emit:', 'take:', 'main:', 'input:', 'output:', 'script:'],
  ...['exec:', 'stub:', 'shell:', 'when:', 'path', 'val', 'tuple', 'env', 'stdin', 'stdout', 'each', 'file'],
  ...['params', 'task', 'workflow', 'Channel', 'channel', 'it', 'this', 'super', 'args', 'log', 'x', '\n'],
];

// Token images to insert or substitute: all of them, and by lexer type (so that a substitution mostly keeps the
// text parseable and reaches the runtime).
export interface TokenPool {
  readonly all: readonly Piece[];
  readonly byType: ReadonlyMap<string, readonly Piece[]>;
}

// The tokens of all seeds (up to 40 characters each) and the extra ones.
export function tokenPool(seeds: readonly Seed[]): TokenPool {
  const seen = new Map<string, Piece>();
  const add = (text: string): void => {
    for (const piece of splitTokens(text).pieces)
      if (piece.image.length <= 40) seen.set(`${piece.type} ${piece.image}`, { ...piece, gap: ' ' });
  };
  EXTRA.forEach(add);
  seeds.forEach((seed) => add(seed.text));
  const byType = new Map<string, Piece[]>();
  for (const piece of seen.values()) byType.set(piece.type, [...(byType.get(piece.type) ?? []), piece]);
  return { all: [...seen.values()], byType };
}

// A small seeded PRNG (mulberry32), so every run tries the same mutations.
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One random edit of the token list: replace a token by another of its type (most often), delete, duplicate,
// swap, replace or insert any token, or move a run of them.
export function mutateTokens(tokens: Tokens, pool: TokenPool, random: () => number): Tokens {
  const pieces = [...tokens.pieces];
  const index = (extra = 0): number => Math.floor(random() * (pieces.length + extra));
  const pick = <X>(items: readonly X[]): X => items[Math.floor(random() * items.length)] as X;
  if (pieces.length === 0) return { pieces: [pick(pool.all)], tail: tokens.tail };
  const at = index();
  const here = pieces[at]!;
  switch (Math.floor(random() * 9)) {
    case 0:
      pieces.splice(at, 1 + Math.floor(random() * 2));
      break;
    case 1:
      pieces.splice(at, 0, { ...here, gap: ' ' });
      break;
    case 2: {
      const other = index();
      const there = pieces[other]!;
      pieces[at] = { ...there, gap: here.gap };
      pieces[other] = { ...here, gap: there.gap };
      break;
    }
    case 3:
      pieces[at] = { ...pick(pool.all), gap: here.gap };
      break;
    case 4:
      pieces.splice(index(1), 0, pick(pool.all));
      break;
    case 5: {
      const run = pieces.splice(at, 1 + Math.floor(random() * 8));
      pieces.splice(index(1), 0, ...run);
      break;
    }
    default:
      pieces[at] = { ...pick(pool.byType.get(here.type) ?? [here]), gap: here.gap };
  }
  return { pieces, tail: tokens.tail };
}

// The text of a token list.
export function joinTokens(tokens: Tokens): string {
  return tokens.pieces.map((p) => p.gap + p.image).join('') + tokens.tail;
}
