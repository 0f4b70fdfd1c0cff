/**
 * A built site served on 127.0.0.1 and Debian's Chromium driven by playwright-core:
 * what the browser tests and the search and Lighthouse measurements share. No browser is
 * downloaded; CI installs Debian's `chromium` package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sirv from 'sirv';
import { headersFor, parseHeadersFile } from '../../src/lib/site/headers-file.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The flags every launch uses; Playwright and chrome-launcher each add a fresh temporary profile
 * (user data dir) themselves.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium executable, or an error saying how to install it. */
export function chromiumPath(): string {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's "chromium" package (apt-get install chromium).`);
  return CHROMIUM;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
}

/**
 * Serves `dir` as a static site on a free port of 127.0.0.1, with the headers its `_headers`
 * file gives each path (as the CDN would), when it has one, unless `headers` is false (as a host
 * that ignores the file would, such as GitHub Pages).
 */
export async function serve(dir: string, options: { headers?: boolean } = {}): Promise<{ origin: string; close(): Promise<void> }> {
  const headersFile = path.join(dir, '_headers');
  const rules = options.headers !== false && existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const files = sirv(dir, { dev: false, etag: true });
  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headersFor(rules, new URL(req.url ?? '/', 'http://x').pathname))) {
      res.setHeader(name, value);
    }
    files(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Records console errors and uncaught exceptions of a page. */
export function watchErrors(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
}
