// `-with-dag [FILE]` / `--with-dag FILE`: the step graph in the format the file name asks for, as Nextflow's DAG
// renderers: .dot/.gv, .mmd, .json as text; .html as a page (Graphviz's SVG inline when `dot` is installed, else a
// Mermaid chart); .svg, .png, .pdf through Graphviz's `dot`.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { StepGraph } from '../../engine/graph.js';
import { UsageError } from '../../engine/errors.js';
import { esc } from '../report/svg-charts.js';
import { dagFormatOfFile, renderDag } from './render-dag.js';

const GRAPHVIZ_FORMATS = new Set(['svg', 'png', 'pdf']);

// The extension of a --with-dag file, checked: one of the formats above, else a usage error naming it.
export function checkDagFile(file: string): void {
  if (dagFormatOfFile(file) !== undefined) return;
  const ext = /\.([A-Za-z]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  if (ext === 'html' || ext === 'htm') return;
  if (GRAPHVIZ_FORMATS.has(ext)) {
    if (hasGraphviz()) return;
    throw new UsageError(`writing the DAG as .${ext} ("${file}") needs Graphviz's \`dot\`, which is not on PATH`, {
      hint: 'install graphviz, or name the file .html, .mmd, .dot or .json',
    });
  }
  throw new UsageError(`cannot tell the format of the DAG file "${file}"`, {
    hint: 'name it .html, .mmd, .dot, .json, or .svg/.png/.pdf (with Graphviz)',
  });
}

// Whether Graphviz's `dot` runs.
function hasGraphviz(): boolean {
  return spawnSync('dot', ['-V'], { stdio: 'ignore' }).status === 0;
}

// Renders DOT text through Graphviz into `format`.
function graphviz(dot: string, format: string): Buffer {
  const result = spawnSync('dot', [`-T${format}`], { input: dot, maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new UsageError(`Graphviz's dot could not render the DAG: ${result.stderr?.toString().trim() ?? ''}`);
  }
  return result.stdout;
}

// Writes the graph to `file` in the format its name asks for.
export function writeDagFile(graph: StepGraph, file: string, title: string): void {
  checkDagFile(file);
  const format = dagFormatOfFile(file);
  if (format !== undefined) {
    writeFileSync(file, renderDag(graph, format, title));
    return;
  }
  const ext = /\.([A-Za-z]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  if (GRAPHVIZ_FORMATS.has(ext)) {
    writeFileSync(file, graphviz(renderDag(graph, 'dot', title), ext));
    return;
  }
  const body = hasGraphviz()
    ? graphviz(renderDag(graph, 'dot', title), 'svg')
        .toString()
        .replace(/^[\s\S]*?(<svg)/, '$1')
    : `<pre class="mermaid">\n${esc(renderDag(graph, 'mermaid', title))}</pre>\n` +
      '<script type="module">import mermaid from "https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs";' +
      'mermaid.initialize({ startOnLoad: true });</script>';
  writeFileSync(
    file,
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} DAG</title></head>\n` +
      `<body>\n<h1>${esc(title)}</h1>\n${body}\n</body></html>\n`,
  );
}
