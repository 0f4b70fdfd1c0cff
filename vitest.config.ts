import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds that several test files share (the messy archive) are made once per run.
    globalSetup: ['tests/support/global-setup.ts'],
    // A first search in the browser tests loads Pagefind's WebAssembly and filter files; on a
    // busy two-core machine that can take more than the one second `expect.poll` waits by default.
    expect: { poll: { timeout: 10_000 } },
  },
});
