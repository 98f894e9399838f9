// The sandbox worker thread: runs CWL JavaScript in node:vm contexts that hold nothing but the JavaScript built-ins,
// the expressionLib and the parameter context. No require, process, fetch, console or dynamic import() is reachable.
import { parentPort } from 'node:worker_threads';
import { Script, createContext } from 'node:vm';
import type { Context } from 'node:vm';
import { expressionScript, libraryScript } from './javascript-code.js';
import type { SandboxReply, SandboxRequest } from './sandbox-protocol.js';

// Contexts kept per distinct expressionLib, and compiled expressions kept per fragment text.
const MAX_CONTEXTS = 8;
const MAX_SCRIPTS = 512;

// Functions created inside a context before its expressionLib runs, so the lib cannot replace them.
interface ContextHelpers {
  setContext(json: string): void; // defines the globals inputs, self and runtime from JSON text
  toJson(value: unknown): string | undefined; // JSON.stringify as it was before the lib ran
  settleQuietly(value: unknown): boolean; // whether the value is a Promise; if so its rejection is handled
  markBaseline(): void; // records the globals that exist once the expressionLib has run
  dropNewGlobals(): void; // deletes globals an expression added, so the next evaluation does not see them
}

interface Sandbox {
  readonly context: Context;
  readonly helpers: ContextHelpers;
}

const HELPERS_SOURCE = `"use strict";
(function (parse, stringify, global, NativePromise, then, names, hasOwn) {
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
  };
})(JSON.parse, JSON.stringify, globalThis, Promise, Promise.prototype.then, Object.getOwnPropertyNames, Object.hasOwn)`;

const sandboxes = new Map<string, Sandbox>();
const scripts = new Map<string, Script>();

// A fresh context (its global object has no prototype from this realm) with the lib evaluated in it.
function createSandbox(expressionLib: readonly string[], timeoutMs: number): Sandbox {
  const context = createContext(Object.create(null) as object, {
    name: 'cwl-expression',
    codeGeneration: { strings: true, wasm: false },
    microtaskMode: 'afterEvaluate',
  });
  const helpers = new Script(HELPERS_SOURCE).runInContext(context) as ContextHelpers;
  try {
    new Script(libraryScript(expressionLib), { filename: 'expressionLib' }).runInContext(context, {
      timeout: timeoutMs,
    });
  } catch (error) {
    if (isTimeout(error)) throw error;
    throw new Error(`in expressionLib: ${describeThrown(error)}`);
  }
  helpers.setContext('{"inputs":null,"self":null,"runtime":null}');
  helpers.markBaseline();
  return { context, helpers };
}

// The context for a lib, created on first use; the least recently used one is dropped beyond MAX_CONTEXTS.
function sandboxFor(expressionLib: readonly string[], timeoutMs: number): Sandbox {
  const key = expressionLib.join('\u0000');
  const cached = sandboxes.get(key);
  if (cached !== undefined) {
    sandboxes.delete(key);
    sandboxes.set(key, cached);
    return cached;
  }
  const sandbox = createSandbox(expressionLib, timeoutMs);
  sandboxes.set(key, sandbox);
  if (sandboxes.size > MAX_CONTEXTS) sandboxes.delete(sandboxes.keys().next().value ?? key);
  return sandbox;
}

// The compiled script of a fragment, compiled once.
function scriptFor(fragment: string): Script {
  let script = scripts.get(fragment);
  if (script === undefined) {
    script = new Script(expressionScript(fragment), { filename: 'expression' });
    if (scripts.size >= MAX_SCRIPTS) scripts.clear();
    scripts.set(fragment, script);
  }
  return script;
}

// Runs one request to a reply; never throws.
function evaluate(request: SandboxRequest): SandboxReply {
  const { id, timeoutMs } = request;
  let sandbox: Sandbox | undefined;
  try {
    sandbox = sandboxFor(request.expressionLib, timeoutMs);
    sandbox.helpers.setContext(request.contextJson);
    const value: unknown = scriptFor(request.fragment).runInContext(sandbox.context, { timeout: timeoutMs });
    if (sandbox.helpers.settleQuietly(value)) {
      return {
        id,
        ok: false,
        failure: 'undefined',
        message: 'the expression returned a Promise; asynchronous code (import() included) cannot be used',
      };
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
}

// Whether node:vm stopped the script at its time limit.
function isTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
  );
}

// "TypeError: x is not a function" for errors of any realm; the value itself for anything else thrown.
function describeThrown(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return typeof name === 'string' && name !== '' ? `${name}: ${message}` : message;
  }
  try {
    return `uncaught ${String(error)}`;
  } catch {
    return 'uncaught value';
  }
}

// Code such as `${ import('fs'); return 1 }` leaves a rejected promise behind; it must not end the thread.
process.on('unhandledRejection', () => undefined);

parentPort?.on('message', (request: SandboxRequest) => {
  parentPort?.postMessage(evaluate(request));
});
