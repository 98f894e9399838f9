// Lists the functions longer than a line budget in the given folders, measured with the TypeScript compiler's own
// parser: every function declaration, function expression, arrow function, method, accessor and constructor, from
// its first line to its last (a factory counts the closures it holds). The architecture test keeps engine/ and
// backends/ under the budget; run it by hand to see where a folder stands:
//   npx tsx scripts/long-functions.ts [--limit 120] [folder ...]
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface LongFunction {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly lines: number;
}

// The name a reader would look for: the declared name, the variable or property it is assigned to, or `<anonymous>`.
function functionName(node: ts.Node, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const named = node as ts.FunctionLikeDeclaration;
  if (named.name !== undefined) return named.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(source);
  }
  return '<anonymous>';
}

function isFunctionLike(node: ts.Node): boolean {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node)
  );
}

// The functions of one source text spanning more than `limit` lines.
export function longFunctionsIn(file: string, text: string, limit: number): LongFunction[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > limit) found.push({ file, line: first + 1, name: functionName(node, source), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// Every .ts/.tsx file under the folders (relative to root), checked against the budget; longest first.
export function longFunctions(root: string, folders: readonly string[], limit: number): LongFunction[] {
  const files = folders.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
      .map((name) => join(folder, name)),
  );
  return files
    .flatMap((file) => longFunctionsIn(file, readFileSync(join(root, file), 'utf8'), limit))
    .sort((a, b) => b.lines - a.lines);
}

function main(args: string[]): void {
  const at = args.indexOf('--limit');
  const limit = at >= 0 ? Number(args[at + 1]) : 120;
  const folders = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  const root = resolve(import.meta.dirname, '..');
  for (const fn of longFunctions(root, folders.length > 0 ? folders : ['engine', 'backends'], limit)) {
    process.stdout.write(`${relative(root, join(root, fn.file))}:${fn.line} ${fn.name} ${fn.lines} lines\n`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main(process.argv.slice(2));
}
