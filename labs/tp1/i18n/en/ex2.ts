import type { Finding } from '../../../../core/grading/finding.js'

/** How a probe's command is shown to the student: as typed after `docker run <image>`. */
const dockerRun = (argv: readonly string[]) =>
  `docker run <your image> ${argv.map((arg) => (arg.includes(' ') ? `"${arg}"` : arg)).join(' ')}`

/**
 * Messages of exercise 2: one-shot containers of the student's image (specs/ex2-containers.spec.ts). `argv`: the
 * probe's command, its program first.
 */
export const ex2 = {
  /** Docker could not start the command in the image at all; `reason` is Docker's own words. */
  notStarted: (argv: readonly string[], reason: string): Finding => ({
    message: `Docker could not start ${dockerRun(argv)}: ${reason}.`,
    expected: `${argv[0]} on the image's PATH`,
    seen: reason,
    fix: `${argv[0]} must be on the image's PATH: start FROM an official Python image, and add to PATH rather than replace it (ENV PATH=/app:$PATH, not ENV PATH=/app).`,
  }),
  /** `exit`: the exit code, explained; `output`: the last lines it printed; `image`: a base image to suggest. */
  wrongOutput: (argv: readonly string[], wanted: string, exit: string, output: string, image: string): Finding => ({
    message: `${dockerRun(argv)} did not print "${wanted}" and exit with code 0.`,
    expected: `output "${wanted}", Exited (0)`,
    seen: `Exited (${exit}), output: ${JSON.stringify(output)}`,
    fix: `The image must have python on its PATH: start FROM an official Python image (for example ${image}) and do not replace PATH.`,
  }),
  /** `printed`: what uname -r printed in the container, if anything. */
  sharedKernel: (hostKernel: string, printed: string, exitCode: number | undefined): Finding => ({
    message: 'uname -r inside the container did not show the Docker host kernel.',
    expected: hostKernel,
    seen: printed || `no output (exit code ${exitCode ?? 'none: still running'})`,
    fix: 'A container shares the host kernel: uname -r in any container of the image shows it, unless the image has no uname on its PATH.',
  }),
}
