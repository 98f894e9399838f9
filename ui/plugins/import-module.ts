// Imports an ES module by URL. The bundled command line runs as a vm.Script (ui/cli/code-cache.ts), where import()
// either warns that Node's loader for it is experimental or fails ("A dynamic import callback was not specified");
// so in the bundle a one-line ES module beside it, which scripts/bundle.ts writes and Node loads with require(),
// does the import() instead. Run from the sources, import() is used as it is.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type Load = (url: string) => Promise<Record<string, unknown>>;

export async function importModule(url: string): Promise<Record<string, unknown>> {
  const helper = fileURLToPath(new URL('./import-module.mjs', import.meta.url));
  if (!existsSync(helper)) return (await import(url)) as Record<string, unknown>;
  const { load } = createRequire(import.meta.url)(helper) as { load: Load };
  return load(url);
}
