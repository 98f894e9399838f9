// Grammar of Nextflow scripts and configs: top-level definitions (process, workflow, include, function) over statements.
import type { ILookaheadStrategy } from 'chevrotain';
import { tokenMatcher } from './chevrotain.js';
import { ControlFlowParser } from './control-flow-parser.js';
import * as T from './tokens.js';

// The modifiers a class member may carry (pipe runs static and instance members alike; the rest are read and ignored).
const MODIFIERS: ReadonlySet<string> = new Set([
  'static',
  'final',
  'private',
  'public',
  'protected',
  'abstract',
  'synchronized',
  'transient',
  'volatile',
]);

export class DslParser extends ControlFlowParser {
  // `validate: true` checks the grammar for ambiguities and mistakes as it is built (tests; about twice as slow);
  // `lookahead` replaces the generated lookahead paths (how they are generated).
  constructor({
    validate = false,
    lookahead,
  }: { readonly validate?: boolean; readonly lookahead?: ILookaheadStrategy } = {}) {
    super(validate, lookahead);
    this.performSelfAnalysis();
  }

  // A whole `.nf` file.
  readonly script = this.RULE('script', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Newline) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        {
          ALT: () => {
            this.SUBRULE(this.topLevelItem);
            this.OR2(this.statementEndAlternatives);
          },
        },
      ]);
    });
  });

  // A definition (process, workflow, include, function) or a statement.
  readonly topLevelItem = this.RULE('topLevelItem', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.ahead(T.Process, T.Identifier), ALT: () => this.SUBRULE(this.processDefinition) },
        {
          GATE: () => this.ahead(T.Workflow, T.LCurly) || this.ahead(T.Workflow, T.Identifier, T.LCurly),
          ALT: () => this.SUBRULE(this.workflowDefinition),
        },
        { GATE: () => this.ahead(T.Include, T.LCurly), ALT: () => this.SUBRULE(this.includeStatement) },
        { GATE: () => this.ahead(T.Def, T.Identifier, T.LParen), ALT: () => this.SUBRULE(this.functionDefinition) },
        { GATE: () => this.definitionAhead('record'), ALT: () => this.SUBRULE(this.recordDefinition) },
        { GATE: () => this.definitionAhead('enum'), ALT: () => this.SUBRULE(this.enumDefinition) },
        { GATE: () => this.ahead(T.Class, T.Identifier), ALT: () => this.SUBRULE(this.classDefinition) },
        { ALT: () => this.SUBRULE(this.statement) },
      ],
    });
  });

  // A whole `nextflow.config` file: settings, and functions the settings call (`def check_max(obj, type) { … }`).
  readonly configScript = this.RULE('configScript', () => {
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { GATE: () => this.ahead(T.Def, T.Identifier, T.LParen), ALT: () => this.SUBRULE(this.functionDefinition) },
          { ALT: () => this.CONSUME(T.Newline) },
          { ALT: () => this.CONSUME(T.Semicolon) },
          { ALT: () => this.SUBRULE(this.blockItem) },
        ],
      });
    });
  });

  // process NAME { directives, input:, output:, when:, script: … }
  readonly processDefinition = this.RULE('processDefinition', () => {
    this.CONSUME(T.Process);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.SUBRULE(this.block);
  });

  // workflow NAME? { take:, main:, emit: … }
  readonly workflowDefinition = this.RULE('workflowDefinition', () => {
    this.CONSUME(T.Workflow);
    this.OPTION(() => this.CONSUME(T.Identifier, { LABEL: 'name' }));
    this.SUBRULE(this.block);
  });

  // include { A; B as C } from './path' addParams(...)
  readonly includeStatement = this.RULE('includeStatement', () => {
    this.CONSUME(T.Include);
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Newline) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.includeItem) },
      ]);
    });
    this.CONSUME(T.RCurly);
    this.CONSUME(T.From);
    this.CONSUME(T.StringLiteral, { LABEL: 'source' });
    this.OPTION(() => {
      this.CONSUME(T.Identifier, { LABEL: 'option' });
      this.SUBRULE(this.callArguments);
    });
  });

  readonly includeItem = this.RULE('includeItem', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(T.As);
      this.CONSUME2(T.Identifier, { LABEL: 'alias' });
    });
  });

  // def name(a, b = 1) { … }
  readonly functionDefinition = this.RULE('functionDefinition', () => {
    this.CONSUME(T.Def);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.parameter) });
    this.CONSUME(T.RParen);
    this.OPTION(() => this.CONSUME(T.TypeAnnotation, { LABEL: 'returnType' }));
    this.SUBRULE(this.block);
  });

  // record Name { field: Type … }
  readonly recordDefinition = this.RULE('recordDefinition', () => {
    this.CONSUME(T.Identifier, { LABEL: 'keyword' });
    this.CONSUME2(T.Identifier, { LABEL: 'name' });
    this.SUBRULE(this.block);
  });

  // enum Name { A, B }
  readonly enumDefinition = this.RULE('enumDefinition', () => {
    this.CONSUME(T.Identifier, { LABEL: 'keyword' });
    this.CONSUME2(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Newline) },
        { ALT: () => this.CONSUME(T.Comma) },
        { ALT: () => this.CONSUME3(T.Identifier, { LABEL: 'constant' }) },
      ]);
    });
    this.CONSUME(T.RCurly);
  });

  // class Name [extends A implements B, C] { members } (Groovy classes in a pipeline's lib/ directory)
  readonly classDefinition = this.RULE('classDefinition', () => {
    this.CONSUME(T.Class);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'heritage' }) },
        { ALT: () => this.CONSUME(T.Dot) },
        { ALT: () => this.CONSUME(T.Comma) },
      ]);
    });
    this.CONSUME(T.LCurly);
    this.MANY2(() => {
      this.OR2([
        { ALT: () => this.CONSUME(T.Newline) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.classMember) },
      ]);
    });
    this.CONSUME(T.RCurly);
  });

  // [static final private …] [def | Type] name (params) { body } — a method or constructor — or a field with an
  // optional initial value: [modifiers] [def | Type] name [= value]
  readonly classMember = this.RULE('classMember', () => {
    this.MANY({
      GATE: () => MODIFIERS.has(this.LA(1).image) && !tokenMatcher(this.LA(2), T.LParen),
      DEF: () => this.CONSUME(T.Identifier, { LABEL: 'modifier' }),
    });
    this.OPTION({
      GATE: () =>
        tokenMatcher(this.LA(1), T.Def) ||
        (tokenMatcher(this.LA(1), T.Identifier) && tokenMatcher(this.LA(2), T.Identifier)),
      DEF: () => {
        this.OR([{ ALT: () => this.CONSUME(T.Def) }, { ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'type' }) }]);
      },
    });
    this.CONSUME3(T.Identifier, { LABEL: 'name' });
    this.OPTION2(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.parameter) });
      this.CONSUME(T.RParen);
      this.SUBRULE(this.block);
    });
    this.OPTION3(() => {
      this.CONSUME(T.Assign);
      this.SUBRULE(this.expression, { LABEL: 'value' });
    });
  });

  // Whether `word Name {` comes next (word: record or enum, which are plain names elsewhere).
  private definitionAhead(word: string): boolean {
    return this.LA(1).image === word && this.ahead(T.Identifier, T.Identifier, T.LCurly);
  }
}
