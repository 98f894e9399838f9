// Chevrotain, loaded from the single-file bundle the package ships: its package entry pulls in lodash-es as
// hundreds of small modules (340–420 ms of CPU on every start), the bundle loads in about 12 ms. The bundle is the
// same code, but the package's `exports` map does not name it, so it is found next to the entry. Types still come
// from the package.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Api from 'chevrotain';

const entry = createRequire(import.meta.url).resolve('chevrotain'); // <package>/lib/src/api.js
const bundle = (await import(pathToFileURL(join(dirname(entry), '..', 'chevrotain.mjs')).href)) as typeof Api;

export const {
  createToken,
  CstParser,
  EOF,
  generateCstDts,
  getLookaheadPaths,
  Lexer,
  LLkLookaheadStrategy,
  tokenMatcher,
} = bundle;
export type Lexer = Api.Lexer;
export type CstParser = Api.CstParser;
