// The program of a sandbox process (sandbox-process.ts starts it with `node -e`): it evaluates CWL JavaScript in
// node:vm contexts holding nothing but the JavaScript built-ins, the expressionLib and the parameter context, a
// context of its own for each evaluation scope (a workflow step) and expressionLib. It is one self-contained function, sent as source text, so it must not refer to anything
// outside itself: node:vm, the process and the helper source come in as arguments.
import type * as vm from 'node:vm';
import type { SandboxReply, SandboxRequest } from './sandbox-protocol.js';

// Functions created inside a context before its expressionLib runs, so the lib cannot replace them.
export interface ContextHelpers {
  setContext(json: string): void; // defines the globals inputs, self and runtime from JSON text
  toJson(value: unknown): string | undefined; // JSON.stringify as it was before the lib ran
  settleQuietly(value: unknown): boolean; // whether the value is a Promise; if so its rejection is handled
  error(message: string): Error; // an Error of the context's own realm
  markBaseline(): void; // records the globals that exist once the expressionLib has run
  dropNewGlobals(): void; // deletes globals an expression added, so the next evaluation does not see them
}

// Made inside each context: everything the program hands the code is created by the context's own built-ins.
export const HELPERS_SOURCE = `"use strict";
(function (parse, stringify, global, NativePromise, then, NativeError, names, hasOwn) {
  var baseline = Object.create(null);
  global.inputs = global.self = global.runtime = undefined; // as cwltool's hoisted vars look to expressionLib code
  return {
    markBaseline: function () {
      names(global).forEach(function (name) { baseline[name] = true; });
    },
    dropNewGlobals: function () {
      names(global).forEach(function (name) {
        if (hasOwn(baseline, name)) return;
        try { delete global[name]; } catch (e) { /* a non-configurable global (indirect eval's var) stays */ }
      });
    },
    setContext: function (json) {
      var root = parse(json);
      global.inputs = root.inputs;
      global.self = root.self;
      global.runtime = root.runtime;
    },
    toJson: function (value) { return stringify(value); },
    settleQuietly: function (value) {
      if (!(value instanceof NativePromise)) return false;
      then.call(value, undefined, function () {});
      return true;
    },
    error: function (message) { return new NativeError(message); },
  };
})(JSON.parse, JSON.stringify, globalThis, Promise, Promise.prototype.then, Error, Object.getOwnPropertyNames,
   Object.hasOwn)`;

// The sandbox process's main: answers each request on the IPC channel, and exits when the channel closes.
export function sandboxProgram(nodeVm: typeof vm, host: NodeJS.Process, helpersSource: string): void {
  'use strict';
  const IMPORT_DENIED = 'import() is not available in CWL expressions';
  const MAX_CONTEXTS = 64; // contexts kept, least recently used dropped first
  const MAX_SCRIPTS = 256; // compiled expressions kept per context
  interface Sandbox {
    readonly context: vm.Context;
    readonly helpers: ContextHelpers;
    readonly scripts: Map<string, vm.Script>;
    imported: boolean; // the code called import(), which a CWL expression may not
  }
  const sandboxes = new Map<string, Sandbox>(); // by scope and expressionLib
  let spare: { readonly library: string; readonly sandbox: Sandbox } | undefined;

  // A script whose import() fails with an error of the sandbox's own realm (never one of this process's realm,
  // whose constructor would lead to `process`), and marks the evaluation as failed.
  const compile = (source: string, filename: string, sandbox: Sandbox): vm.Script =>
    new nodeVm.Script(source, {
      filename,
      importModuleDynamically: (() => {
        sandbox.imported = true;
        throw sandbox.helpers.error(IMPORT_DENIED);
      }) as unknown as vm.ScriptOptions['importModuleDynamically'],
    });

  // Whether node:vm stopped the script at its time limit.
  const isTimeout = (error: unknown): boolean =>
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';

  // "TypeError: x is not a function" for errors of any realm; the value itself for anything else thrown.
  const describeThrown = (error: unknown): string => {
    try {
      if (typeof error === 'object' && error !== null) {
        const { name, message } = error as { name?: unknown; message?: unknown };
        if (typeof message === 'string')
          return typeof name === 'string' && name !== '' ? `${name}: ${message}` : message;
      }
      return `uncaught ${String(error)}`;
    } catch {
      return 'uncaught value';
    }
  };

  // A fresh context (its global object has no prototype from this realm) with the lib evaluated in it.
  const createSandbox = (library: string, timeoutMs: number): Sandbox => {
    const context = nodeVm.createContext(Object.create(null) as object, {
      name: 'cwl-expression',
      codeGeneration: { strings: true, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    const helpers = new nodeVm.Script(helpersSource).runInContext(context) as ContextHelpers;
    const sandbox: Sandbox = { context, helpers, scripts: new Map(), imported: false };
    try {
      compile(library, 'expressionLib', sandbox).runInContext(context, { timeout: timeoutMs });
    } catch (error) {
      if (isTimeout(error)) throw error;
      throw new Error(`in expressionLib: ${describeThrown(error)}`);
    }
    if (sandbox.imported) throw new Error(`in expressionLib: ${IMPORT_DENIED}`);
    helpers.markBaseline();
    return sandbox;
  };

  // The context of a scope and lib: the one it used before, else the spare made for this lib, else a new one.
  const sandboxFor = (scope: string, library: string, timeoutMs: number): Sandbox => {
    const key = `${scope}\u0000${library}`;
    let sandbox = sandboxes.get(key);
    if (sandbox !== undefined) sandboxes.delete(key);
    else if (spare !== undefined && spare.library === library) {
      sandbox = spare.sandbox;
      spare = undefined;
    } else sandbox = createSandbox(library, timeoutMs);
    sandboxes.set(key, sandbox);
    if (sandboxes.size > MAX_CONTEXTS) sandboxes.delete(sandboxes.keys().next().value ?? key);
    return sandbox;
  };

  // The compiled script of an expression in a context, compiled once.
  const scriptIn = (sandbox: Sandbox, source: string): vm.Script => {
    let script = sandbox.scripts.get(source);
    if (script === undefined) {
      script = compile(source, 'expression', sandbox);
      if (sandbox.scripts.size >= MAX_SCRIPTS) sandbox.scripts.clear();
      sandbox.scripts.set(source, script);
    }
    return script;
  };

  // Runs one request to a reply; never throws.
  const evaluate = (request: SandboxRequest): SandboxReply => {
    const { id, timeoutMs } = request;
    let sandbox: Sandbox | undefined;
    try {
      sandbox = sandboxFor(request.scope, request.library, timeoutMs);
      sandbox.imported = false;
      sandbox.helpers.setContext(request.contextJson);
      const value: unknown = scriptIn(sandbox, request.script).runInContext(sandbox.context, { timeout: timeoutMs });
      if (sandbox.imported) return { id, ok: false, failure: 'exception', message: IMPORT_DENIED };
      if (sandbox.helpers.settleQuietly(value)) {
        const message = 'the expression returned a Promise; asynchronous code cannot be used';
        return { id, ok: false, failure: 'undefined', message };
      }
      const json = sandbox.helpers.toJson(value);
      if (json === undefined)
        return { id, ok: false, failure: 'undefined', message: `the expression returned ${typeof value}` };
      return { id, ok: true, json };
    } catch (error) {
      if (isTimeout(error)) return { id, ok: false, failure: 'timeout', message: `it ran longer than ${timeoutMs} ms` };
      return { id, ok: false, failure: 'exception', message: describeThrown(error) };
    } finally {
      sandbox?.helpers.dropNewGlobals();
    }
  };

  // Prepares a context for the next new scope while the process would otherwise wait.
  const prepareSpare = (library: string, timeoutMs: number): void => {
    if (spare !== undefined) return;
    try {
      spare = { library, sandbox: createSandbox(library, timeoutMs) };
    } catch {
      spare = undefined; // the evaluation that needs it reports the failure
    }
  };

  // Code such as `${ import('fs'); return 1 }` leaves a rejected promise behind; it must not end the process.
  host.on('unhandledRejection', () => undefined);
  host.on('disconnect', () => host.exit(0));
  host.on('message', (request: SandboxRequest) => {
    host.send?.(evaluate(request));
    setImmediate(() => prepareSpare(request.library, request.timeoutMs));
  });
}
