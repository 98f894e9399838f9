// reference/stdlib-types.md (Path): a file named by an http(s) URL is read by `.text`, `readLines()` and `eachLine`,
// as Nextflow reads a foreign file; a missing one is a located error with the HTTP status, and a file of another
// remote scheme is an error saying to stage it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/robots.txt') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('User-agent: *\nAllow: /\n');
    } else if (request.url === '/moved') {
      response.writeHead(302, { location: '/robots.txt' });
      response.end();
    } else {
      response.writeHead(404, 'Not Found');
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('reference/stdlib: files named by URL', () => {
  it('reads an http file with .text and readLines, following a redirect', async () => {
    const { stdout, code, stderr } = await runScript(
      [
        `print file('${base}/robots.txt').text`,
        `println file('${base}/moved').readLines().size()`,
        `file('${base}/robots.txt').eachLine { line -> println line.toUpperCase() }`,
        '',
      ].join('\n'),
    );
    expect(code, stderr).toBe(0);
    expect(lines(stdout)).toEqual(['User-agent: *', 'Allow: /', '2', 'USER-AGENT: *', 'ALLOW: /']);
  });

  it('names the script line and the HTTP status when the file is not there', async () => {
    const { code, stderr } = await runScript(`println file('${base}/missing.txt').text\n`);
    expect(code).toBe(1); // a runtime error, as a missing local file is
    expect(stderr).toContain(`main.nf:1:`);
    expect(stderr).toContain(`cannot read \`${base}/missing.txt\`: HTTP 404 Not Found`);
  });

  it('refuses to read a file of another remote scheme in the script', async () => {
    const { code, stderr } = await runScript("println file('scp://example.org/data/x.txt').text\n");
    expect(code).toBe(2);
    expect(stderr).toContain('only http(s) files are read there');
  });
});
