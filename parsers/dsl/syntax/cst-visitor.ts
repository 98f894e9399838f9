// The CST-to-AST visitor: Chevrotain's base visitor of the DSL grammar with each concern's methods mixed in.
import type { ICstVisitor } from 'chevrotain';
import type { BuildContext } from './build-context.js';
import { configMethods } from './config-visitor.js';
import type { ConfigMethods } from './config-visitor.js';
import type * as C from './cst.js';
import { definitionMethods } from './definition-visitor.js';
import type { DefinitionMethods } from './definition-visitor.js';
import type { DslParser } from './dsl-parser.js';
import { expressionMethods } from './expression-visitor.js';
import type { ExpressionMethods } from './expression-visitor.js';
import { literalMethods } from './literal-visitor.js';
import type { LiteralMethods } from './literal-visitor.js';
import { controlFlowMethods } from './control-flow-visitor.js';
import type { ControlFlowMethods } from './control-flow-visitor.js';
import { statementMethods } from './statement-visitor.js';
import type { StatementMethods } from './statement-visitor.js';

// The visitor: one method per grammar rule, taking the rule's generated `*CstChildren` and the build context.
export type CstVisitor = ICstVisitor<BuildContext, unknown> &
  ExpressionMethods &
  LiteralMethods &
  StatementMethods &
  ControlFlowMethods &
  DefinitionMethods &
  ConfigMethods;

// Builds the visitor for `parser`; `validateVisitor()` throws if a grammar rule has no method.
export function createCstVisitor(parser: DslParser): CstVisitor {
  const Base = parser.getBaseCstVisitorConstructor<BuildContext, unknown>();
  class DslCstVisitor extends Base {
    constructor() {
      super();
      this.validateVisitor();
    }
  }
  Object.assign(
    DslCstVisitor.prototype,
    expressionMethods,
    literalMethods,
    statementMethods,
    controlFlowMethods,
    definitionMethods,
    configMethods,
  );
  const visitor = new DslCstVisitor() as unknown as CstVisitor;
  const everyRule: C.ICstNodeVisitor<BuildContext, unknown> = visitor;
  return everyRule as CstVisitor;
}
