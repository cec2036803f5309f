import { defineConfig } from 'vitest/config'

/** The grader's own tests: unit tests of the pure parts, and end-to-end runs of the grader on fixture submissions. */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['{core,labs,reporters,starter}/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/fixtures/**', 'labs/*/test/fixtures/**', 'test/podman/**'],
    testTimeout: 15 * 60_000,
    hookTimeout: 10 * 60_000,
    // Each end-to-end test is a whole grading run that uses Docker: one file at a time on 2 cores.
    fileParallelism: false,
    // The grader's own tests read its messages in English, the reference catalogue; the tests that are about the
    // French ones (test/i18n.test.ts, the French golden runs) ask for French explicitly.
    env: { GRADER_LANG: 'en' },
  },
})
