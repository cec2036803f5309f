/** Messages of exercise 2: one-shot containers of the student's image (specs/ex2-containers.spec.ts). */
export const ex2 = {
  suite: 'Exercise 2 — images and containers',
  /** How the probe's command is shown to the student; `args` is the command line, already quoted. */
  dockerRun: (args: string) => `docker run <your image> ${args}`,
  oneShot: {
    /** Docker could not start the command in the image at all; `reason` is Docker's own words. */
    notStarted: {
      message: (shown: string, reason: string) => `Docker could not start ${shown}: ${reason}.`,
      expected: (program: string) => `${program} on the image's PATH`,
      fix: (program: string) => `${program} must be on the image's PATH: start FROM an official Python image, and add to PATH rather than replace it (ENV PATH=/app:$PATH, not ENV PATH=/app).`,
    },
    wrongOutput: {
      message: (shown: string, output: string) => `${shown} did not print "${output}" and exit with code 0.`,
      expected: (output: string) => `output "${output}", Exited (0)`,
      seen: (exitCode: string, output: string) => `Exited (${exitCode}), output: ${output}`,
      fix: (image: string) => `The image must have python on its PATH: start FROM an official Python image (for example ${image}) and do not replace PATH.`,
    },
  },
  sharedKernel: {
    message: 'uname -r inside the container did not show the Docker host kernel.',
    noOutput: (exitCode: number | undefined) => `no output (exit code ${exitCode ?? 'none: still running'})`,
    fix: 'A container shares the host kernel: uname -r in any container of the image shows it, unless the image has no uname on its PATH.',
  },
}
