// The one conformance suite every stager runs; a scheme's test file only builds its stager and a writable remote
// folder, and calls it.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageProgressEvent } from '../../../engine/events.js';
import { StagingError } from '../../../engine/staging/errors.js';
import { createStagerRegistry } from '../../../engine/staging/registry.js';
import { createStagingArea } from '../../../engine/staging/staging-area.js';
import type { Stager } from '../../../engine/staging/stager.js';
import { childUri } from '../../../engine/staging/uri.js';

export interface StagerFixture {
  readonly stager: Stager;
  readonly root: URL; // an existing, empty, writable folder of the scheme
  readonly cleanup?: () => Promise<void>;
}

const sha = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
const never = (): AbortSignal => new AbortController().signal;

// Registers the shared cases for one stager under `describe(name)`.
export function describeStagerConformance(name: string, setup: () => Promise<StagerFixture>): void {
  describe(`stager conformance: ${name}`, () => {
    let fx: StagerFixture;
    let local: string;
    let seq = 0;
    const remote = (...parts: string[]): URL => parts.reduce((url, part) => childUri(url, part), fx.root);
    const fresh = (): string => join(local, `out-${++seq}`);
    // Puts a local file with `data` at the remote `path` and returns its URI.
    const seed = async (path: string, data: string | Buffer): Promise<URL> => {
      const file = join(local, `seed-${++seq}`);
      writeFileSync(file, data);
      const uri = remote(...path.split('/'));
      await fx.stager.put(file, uri, { signal: never() });
      return uri;
    };

    beforeAll(async () => {
      fx = await setup();
      local = mkdtempSync(join(tmpdir(), `pipe-stager-${name}-`));
    });
    afterAll(async () => {
      await fx?.stager.close();
      await fx?.cleanup?.();
      rmSync(local, { recursive: true, force: true });
    });

    it('puts a file into missing folders and stats it with its size and modification time', async () => {
      const before = Date.now();
      const uri = await seed('a/b/c.txt', 'hello staging\n');
      const entry = await fx.stager.stat(uri, never());
      expect(entry).toMatchObject({ name: 'c.txt', type: 'file', size: 14 });
      expect(Math.abs(entry.mtimeMs - before)).toBeLessThan(5_000);
      expect((await fx.stager.stat(remote('a', 'b'), never())).type).toBe('directory');
    });

    it('fetches a file byte for byte and reports its progress', async () => {
      const data = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
      const uri = await seed('big.bin', data);
      const dest = join(fresh(), 'big.bin');
      const seen: number[] = [];
      await fx.stager.fetch(uri, dest, { signal: never(), onProgress: (bytes) => seen.push(bytes) });
      expect(sha(readFileSync(dest))).toBe(sha(data));
      expect(seen.at(-1)).toBe(data.length);
    });

    it('fetches and puts a directory tree', async () => {
      const tree = join(local, `tree-${++seq}`);
      mkdirSync(join(tree, 'sub'), { recursive: true });
      writeFileSync(join(tree, 'one.txt'), '1');
      writeFileSync(join(tree, 'sub', 'two.txt'), '22');
      const uri = remote(`tree-${seq}`);
      await fx.stager.put(tree, uri, { signal: never() });
      const dest = fresh();
      await fx.stager.fetch(uri, dest, { signal: never() });
      expect(readdirSync(dest).sort()).toEqual(['one.txt', 'sub']);
      expect(readFileSync(join(dest, 'sub', 'two.txt'), 'utf8')).toBe('22');
    });

    it('lists a folder with each entry typed and sized', async () => {
      await seed('listed/x.fq', 'xx');
      await seed('listed/y.fq', 'yyy');
      await seed('listed/deeper/z.fq', 'z');
      const entries = await fx.stager.list(remote('listed'), never());
      const byName = Object.fromEntries(entries.map((e) => [e.name, [e.type, e.size]]));
      expect(byName).toMatchObject({ 'x.fq': ['file', 2], 'y.fq': ['file', 3], deeper: ['directory', 0] });
    });

    it('says which URI is missing, with reason not-found', async () => {
      const uri = remote('no', 'such.txt');
      const error = await fx.stager.stat(uri, never()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StagingError);
      expect((error as StagingError).reason).toBe('not-found');
      expect((error as StagingError).message).toContain('such.txt');
      const fetchError = await fx.stager.fetch(uri, fresh(), { signal: never() }).catch((e: unknown) => e);
      expect((fetchError as StagingError).reason).toBe('not-found');
    });

    it('computes the sha256 of a remote file where it can', async (ctx) => {
      if (fx.stager.checksum === undefined) return ctx.skip();
      const uri = await seed('sum.txt', 'checksummed');
      expect(await fx.stager.checksum(uri, never())).toBe(sha('checksummed'));
    });

    it('stops a transfer when its signal aborts', async () => {
      const uri = await seed('abort.bin', Buffer.alloc(1024 * 1024, 1));
      const controller = new AbortController();
      controller.abort();
      await expect(fx.stager.fetch(uri, join(fresh(), 'x'), { signal: controller.signal })).rejects.toBeDefined();
    });

    it('through a staging area: fetches once per run, and a later run reuses the cache without a transfer', async () => {
      const uri = (await seed('cached/input.txt', 'cache me')).href;
      const dir = join(local, `staging-${++seq}`);
      const events: StageProgressEvent[] = [];
      const area = (): ReturnType<typeof createStagingArea> =>
        createStagingArea({
          dir,
          registry: createStagerRegistry({ extra: { [fx.root.protocol.slice(0, -1)]: () => shared(fx.stager) } }),
          emit: (e) => events.push(e),
        });
      const first = area();
      const [a, b] = await Promise.all([first.fetch(uri, 't1'), first.fetch(uri, 't2')]);
      expect(a).toBe(b);
      expect(readFileSync(a.path, 'utf8')).toBe('cache me');
      expect(first.stats).toMatchObject({ fetched: 1, reused: 0 });
      const second = area();
      const again = await second.fetch(uri);
      expect(second.stats).toMatchObject({ fetched: 0, reused: 1 });
      expect(again.path).toBe(a.path);
      expect(again.fingerprint).toBe(a.fingerprint);
      expect(events.filter((e) => e.state === 'started')).toHaveLength(1);
    });

    it('through a staging area: retries a download whose size does not match, then succeeds', async () => {
      const uri = (await seed('corrupt/data.bin', Buffer.alloc(4096, 3))).href;
      let calls = 0;
      // The scheme's own fetch, with the first download cut short as a broken connection would leave it.
      const flaky: Stager = {
        ...fx.stager,
        async fetch(u, dest, opts) {
          await fx.stager.fetch(u, dest, opts);
          if (++calls > 1) return;
          const head = readFileSync(dest).subarray(0, 100);
          rmSync(dest); // not through a link into the source
          writeFileSync(dest, head);
        },
        close: async () => {},
      };
      const events: StageProgressEvent[] = [];
      const area = createStagingArea({
        dir: join(local, `staging-${++seq}`),
        registry: createStagerRegistry({ extra: { [fx.root.protocol.slice(0, -1)]: () => flaky } }),
        retryDelayMs: 10,
        checksum: fx.stager.checksum !== undefined,
        emit: (e) => events.push(e),
      });
      const staged = await area.fetch(uri);
      expect(statSync(staged.path).size).toBe(4096);
      expect(calls).toBe(2);
      expect(events.find((e) => e.state === 'retry')?.reason).toMatch(/size mismatch: expected 4096, got 100/);
    });

    it('through a staging area: expands a remote glob to the matching files', async () => {
      await seed('globbed/r1.fq', '1');
      await seed('globbed/r2.fq', '2');
      await seed('globbed/notes.txt', '3');
      const area = createStagingArea({
        dir: join(local, `staging-${++seq}`),
        registry: createStagerRegistry({ extra: { [fx.root.protocol.slice(0, -1)]: () => shared(fx.stager) } }),
      });
      const found = await area.glob(`${remote('globbed').href}/*.fq`);
      expect(found).toEqual([remote('globbed', 'r1.fq').href, remote('globbed', 'r2.fq').href]);
      // `?` matches one character there, as in a local glob: it does not start a query.
      expect(await area.glob(`${remote('globbed').href}/r?.fq`)).toEqual(found);
    });
  });
}

// The suite's stager under a registry that must not close it (the suite closes it once, at the end).
function shared(stager: Stager): Stager {
  return { ...stager, close: async () => {} };
}
