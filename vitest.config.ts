import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds that several test files share (the messy archive) are made once per run.
    globalSetup: ['tests/support/global-setup.ts'],
    // A first search in the browser tests loads Pagefind's WebAssembly and filter files; on a
    // busy two-core machine that can take more than the one second `expect.poll` waits by default.
    expect: { poll: { timeout: 10_000 } },
    // Sized for a loaded two-core runner, where a test that takes 1 s alone can take 10 s: a unit
    // test that starts workers or reads a folder of files must not fail for being slow. Tests and
    // hooks that build a site, spawn a build or start a browser set their own, longer timeouts.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
