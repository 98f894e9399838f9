// The http(s) scheme against a server on the loopback interface: stat from the headers, fetch by GET, the failures a
// user can act on, and a DSL process that stages a file named by URL (Nextflow's "foreign file").
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StagingError } from '../../../engine/staging/errors.js';
import { createHttpStager } from '../../../engine/staging/http-stager.js';
import { runScript } from '../../parsers/dsl/reference/helpers.js';

const FILES: Record<string, string> = { '/data/rule.pm': 'package AnnotFilterRule;\n1;\n', '/chunked.txt': 'abcdef' };

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    if (path === '/moved') {
      res.writeHead(302, { location: '/data/rule.pm' }).end();
      return;
    }
    const body = FILES[path];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT' };
    if (path === '/chunked.txt') {
      // no Content-Length: the body comes in chunks
      res.writeHead(200, headers);
      if (req.method !== 'HEAD') res.write(body.slice(0, 3));
      res.end(req.method === 'HEAD' ? undefined : body.slice(3));
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const signal = new AbortController().signal;

describe('http stager', () => {
  it('stats a file from its headers and fetches it, following redirects', async () => {
    const stager = createHttpStager();
    const entry = await stager.stat(new URL(`${base}/data/rule.pm`), signal);
    expect(entry).toEqual({
      name: 'rule.pm',
      type: 'file',
      size: FILES['/data/rule.pm']!.length,
      mtimeMs: Date.parse('2026-12-01T10:00:00Z'),
    });
    const dest = join(mkdtempSync(join(tmpdir(), 'pipe-http-')), 'sub', 'rule.pm');
    const seen: number[] = [];
    await stager.fetch(new URL(`${base}/moved`), dest, { signal, onProgress: (done) => seen.push(done) });
    expect(readFileSync(dest, 'utf8')).toBe(FILES['/data/rule.pm']);
    expect(seen.at(-1)).toBe(FILES['/data/rule.pm']!.length);
  });

  it('counts the bytes of a response without Content-Length', async () => {
    const entry = await createHttpStager().stat(new URL(`${base}/chunked.txt`), signal);
    expect(entry.size).toBe(6);
  });

  it('reports a missing file, an unknown host and the operations it cannot do', async () => {
    const stager = createHttpStager();
    await expect(stager.stat(new URL(`${base}/none.txt`), signal)).rejects.toMatchObject({
      reason: 'not-found',
      message: expect.stringContaining('HTTP 404'),
    });
    await expect(stager.stat(new URL('http://no-such-host.invalid/x'), signal)).rejects.toMatchObject({
      reason: 'unknown-host',
    });
    await expect(stager.list(new URL(`${base}/data/`), signal)).rejects.toBeInstanceOf(StagingError);
    await expect(stager.put('/etc/hostname', new URL(`${base}/x`), { signal })).rejects.toMatchObject({
      reason: 'scheme',
    });
  });

  it('stages a file named by URL into a DSL process', async () => {
    const script = `
process SHOW {
  input:
  path rule
  output:
  stdout
  script:
  "echo \${rule.name}; cat \${rule}"
}
workflow { SHOW(params.rule) | view }
`;
    const { code, stdout, stderr } = await runScript(script, ['--rule', `${base}/data/rule.pm`]);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe(`rule.pm\n${FILES['/data/rule.pm']}\n`);
  });
});
