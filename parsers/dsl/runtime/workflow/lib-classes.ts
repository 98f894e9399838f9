// The classes of a pipeline's lib/ directory, which Nextflow puts on the classpath: every `.groovy` file under it is
// read as Groovy class definitions (static and instance fields, methods and constructors), seen from every module.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassDefinition } from '../../syntax/ast-script.js';
import { parseDsl } from '../../syntax/index.js';
import { DslScriptError } from '../eval/errors.js';

// The `.groovy` files under `dir`, sorted.
function groovyFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.groovy'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

// The classes of `projectDir/lib`, by name; undefined when there is no lib/ directory.
export function libClasses(projectDir: string): Map<string, ClassDefinition> | undefined {
  const dir = join(projectDir, 'lib');
  if (!existsSync(dir)) return undefined;
  const classes = new Map<string, ClassDefinition>();
  for (const file of groovyFiles(dir)) {
    for (const item of parseDsl(readFileSync(file, 'utf8'), file).body) {
      if (item.kind === 'class') classes.set(item.name, item);
      else if (item.kind !== 'import')
        throw new DslScriptError('a lib/ file holds class definitions (and imports) only', {
          location: { file, line: item.pos.line, column: item.pos.column },
          hint: 'put functions in a class as static methods, or in the script with `def`',
        });
    }
  }
  return classes;
}
