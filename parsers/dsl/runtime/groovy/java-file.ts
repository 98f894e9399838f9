// java.io.File: the members template code uses (text, exists, delete, toPath, withWriter, …).
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isClosure, isPath, pathValue, show } from '../values/values.js';
import { isHostObject, type HostObject } from './host-object.js';

// `new File(path)` or `new File(parent, child)`, relative to the launch directory.
export function fileObject(args: readonly unknown[], launchDir: string): HostObject {
  const parts = args.map((a) => (isHostObject(a) && typeof a.value === 'string' ? a.value : show(a)));
  const joined = parts.length > 1 ? join(...parts) : (parts[0] ?? '');
  const path = isAbsolute(joined) ? joined : resolve(launchDir, joined);
  return {
    kind: 'object',
    type: 'java.io.File',
    value: path,
    methods: {
      exists: () => existsSync(path),
      isFile: () => existsSync(path) && statSync(path).isFile(),
      isDirectory: () => existsSync(path) && statSync(path).isDirectory(),
      delete: () => {
        const had = existsSync(path);
        rmSync(path, { force: true });
        return had;
      },
      mkdirs: () => {
        mkdirSync(path, { recursive: true });
        return true;
      },
      toPath: () => pathValue(path),
      getText: () => readFileSync(path, 'utf8'),
      getName: () => basename(path),
      getParent: () => dirname(path),
      getAbsolutePath: () => path,
      readLines: () => readFileSync(path, 'utf8').split('\n').slice(0, -1),
      withWriter: (args) => {
        const body = args[args.length - 1];
        const chunks: string[] = [];
        if (isClosure(body)) body.call([writerObject(chunks)]);
        writeFileSync(path, chunks.join(''));
        return null;
      },
      write: (args) => {
        writeFileSync(path, show(args[0]));
        return null;
      },
      append: (args) => {
        writeFileSync(path, show(args[0]), { flag: 'a' });
        return null;
      },
    },
    setters: { text: (value) => writeFileSync(path, show(value)) },
    show: () => path,
  };
}

// A Writer that collects what `w << text` and `w.write(text)` give it.
function writerObject(chunks: string[]): HostObject {
  const self: HostObject = {
    kind: 'object',
    type: 'java.io.Writer',
    methods: {
      leftShift: (args) => {
        chunks.push(show(args[0]));
        return self;
      },
      write: (args) => {
        chunks.push(show(args[0]));
        return null;
      },
      println: (args) => {
        chunks.push(`${show(args[0] ?? '')}\n`);
        return null;
      },
    },
    show: () => 'java.io.Writer',
  };
  return self;
}

// The text behind a File, a Path or a string argument (a string is the text itself).
export function textOf(value: unknown): string {
  if (isPath(value)) return readFileSync(value.path, 'utf8');
  if (isHostObject(value) && value.type === 'java.io.File') return readFileSync(value.value as string, 'utf8');
  return show(value);
}
