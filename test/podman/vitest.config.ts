import { defineConfig } from 'vitest/config'

/** The grader on Podman (npm run test:podman, which starts the service and sets DOCKER_HOST): test/podman/ alone. */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/podman/**/*.test.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 10 * 60_000,
    fileParallelism: false,
    env: { GRADER_LANG: 'en' },
  },
})
