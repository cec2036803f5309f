/** Messages of exercise 2: one-shot containers of the student's image (specs/ex2-containers.spec.ts). */
export const ex2 = {
  suite: 'Exercise 2 — images and containers',
  /** How the probe's command is shown to the student; `args` is the command line, already quoted. */
  dockerRun: (args: string) => `docker run <your image> ${args}`,
  oneShot: {
    stillRunning: {
      message: (shown: string, seconds: number) => `The container of ${shown} was still running after ${seconds} s.`,
      expected: 'the container ends on its own as soon as its command (PID 1) ends',
      seen: 'it kept running',
      fix: 'An ENTRYPOINT that starts a server runs whatever command you give it as arguments; keep the server in CMD so that `docker run <image> <command>` replaces it.',
    },
    wrongOutput: {
      message: (shown: string, output: string) => `${shown} did not print "${output}" and exit with code 0.`,
      expected: (output: string) => `output "${output}", Exited (0)`,
      seen: (exitCode: string, output: string) => `Exited (${exitCode}), output: ${output}`,
      fix: 'The image must have python on its PATH (FROM python:3.13-slim) and no ENTRYPOINT that swallows the command.',
    },
  },
  sharedKernel: {
    message: 'uname -r inside the container did not show the Docker host kernel.',
    noOutput: (exitCode: number | undefined) => `no output (exit code ${exitCode ?? 'none: still running'})`,
    fix: 'A container shares the host kernel; run `uname -r` as the container command, with no ENTRYPOINT wrapping it.',
  },
}
