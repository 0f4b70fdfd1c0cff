import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds that several test files share (the messy archive) are made once per run.
    globalSetup: ['tests/support/global-setup.ts'],
    // A first search in the browser tests loads Pagefind's WebAssembly and the facet table; on a
    // busy two-core machine that can take more than the one second `expect.poll` waits by default.
    expect: { poll: { timeout: 10_000 } },
    // Sized for a loaded two-core runner, where a test that takes 1 s alone can take 20 s or more
    // (`npm run test:unit` under stress-ng and other builds: 243 s instead of ~20 s): a test must
    // not fail for being slow. Tests and hooks that build a site, start worker threads, spawn a
    // build or start a browser set their own, longer timeouts.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
