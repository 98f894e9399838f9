// The documentation holds together: the README lists every page of docs/, and every relative link in the README and
// in docs/ names a file that exists (and a heading there, for `#anchor` links).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const pages = readdirSync(join(root, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => join('docs', f));

// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

// The anchors of a Markdown file's headings (outside code blocks).
function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1] ?? '')));
}

// Relative links `[text](target)` of a Markdown file, outside code blocks and inline code.
function links(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z]+:/.test(target));
}

describe('the documentation', () => {
  it('lists every page of docs/ in the README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const missing = pages.filter((page) => !readme.includes(`](${page})`));
    expect(missing).toEqual([]);
  });

  it.each(['README.md', ...pages])('%s links only to files and headings that exist', (page) => {
    const broken: string[] = [];
    for (const target of links(join(root, page))) {
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? join(root, page) : resolve(dirname(join(root, page)), path);
      if (!existsSync(file)) broken.push(target);
      else if (anchor !== undefined && file.endsWith('.md') && !anchors(file).has(anchor)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });

  it('computes anchors as GitHub does', () => {
    expect(anchorOf('`.nf` runs')).toBe('nf-runs');
    expect(anchorOf('`pipe run FILE [options]`')).toBe('pipe-run-file-options');
  });
});
