// The evaluator of the Groovy subset Nextflow scripts use, as the runtime reaches it through the evaluation
// context (`ctx.module.runtime.evaluator`): expressions, statements and bodies, each in its own module.
import { runBody } from './closures.js';
import type { Evaluator } from './context.js';
import { evaluate } from './expressions.js';
import { execute } from './statements.js';

export const evaluator: Evaluator = { evaluate, runBody, execute };
