// Takes the screenshots of docs/web.md: runs a small DSL pipeline with failing tasks in a scratch dir, serves it
// with `pipe serve` and photographs the runs list, the run page, the tasks table and a task in headless Chromium.
// Run: npm run build && npx tsx scripts/web-screenshots.ts
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pipe = join(root, 'dist', 'bundle', 'pipe.cjs');
const docs = join(root, 'docs');
const dir = mkdtempSync(join(tmpdir(), 'pipe-web-shots-'));
copyFileSync(join(root, 'fixtures', 'web', 'pipeline.nf'), join(dir, 'pipeline.nf'));
spawnSync(pipe, ['run', 'pipeline.nf'], { cwd: dir, stdio: 'inherit' });
const server = spawn(pipe, ['serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
const url = await new Promise<string>((resolve) => {
  let text = '';
  server.stderr.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    const match = /(http:\S+\?token=\w+)/.exec(text);
    if (match !== null) resolve(match[1] as string);
  });
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.waitForSelector('table');
  await page.screenshot({ path: join(docs, 'web-runs.png') });
  await page.locator('a[href^="#/runs/"]').first().click();
  await page.waitForSelector('svg[aria-label="step graph"]');
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(docs, 'web-run.png'), fullPage: true });
  await page.getByText(/all \d+ tasks/).click();
  await page.waitForSelector('[data-testid="task-row"]');
  await page.screenshot({ path: join(docs, 'web-tasks.png') });
  await page.getByLabel('state').selectOption('failed');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForTimeout(500);
  await page.getByTestId('task-row').first().getByRole('link').click();
  await page.waitForSelector('pre');
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(docs, 'web-task.png'), fullPage: true });
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
console.log(`screenshots in ${docs}; the run is in ${dir}`);
