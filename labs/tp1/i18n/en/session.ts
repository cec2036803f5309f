import type { Finding } from '../../../../core/grading/finding.js'
import type { Exited } from '../../../../core/lab/api-diagnosis.js'
import { exitCode } from '../../../../core/i18n/en/lab.js'
import type { Expected } from '../../expected.js'

/** How the lab's app is started and installed: what the fixes of a stopped container name. */
export type AppStart = Pick<Expected, 'appModule' | 'appFile' | 'pipPackages'>

/** What TP1's shared image, container and stack say when they cannot be had (labs/tp1/session.ts). */
export const session = {
  /** Why a check is not run, by what it needs; `by` is the check that provides it (rubric.provides). */
  blocked: {
    image: (by: string) => `Not run: the image did not build (see ${by}).`,
    container: (by: string) => `Not run: the container could not start (see ${by}).`,
    stoppedContainer: (by: string) => `Not run: the container was not running when it was to be stopped (see ${by}).`,
    composeFile: (by: string) => `Not run: the Compose file is missing or invalid (see ${by}).`,
    stack: (by: string) => `Not run: docker compose up failed (see ${by}).`,
    login: (by: string) => `Not run: no login to PostgreSQL succeeded (see ${by}).`,
  },
  apiStart: {
    message: 'Docker could not start a container of your image.',
    expected: 'docker run -p 8000:8000 <your image> starts the API',
    fixNotInstalled: 'CMD runs a program that is not installed in the image: RUN pip install fastapi uvicorn before CMD.',
    fix: 'Run the image by hand (docker run <image>) and read the error.',
  },
  /** A container that exited when it should have kept running; `what` names it, e.g. "the API container". */
  exited: (what: string, exited: Exited, app: AppStart): Omit<Finding, 'message'> => ({
    expected: `${what} keeps running`,
    seen: `it exited with code ${exitCode(exited.exit)}`,
    fix: exited.cause === 'import'
      ? `uvicorn could not import your app: the part before ":" in ${app.appModule} must be the name of the Python file (${app.appFile} → ${app.appModule.split(':')[0]}), and that file must be in the working directory.`
      : exited.cause === 'not-installed'
        ? `The command in CMD is not installed in the image: RUN pip install ${app.pipPackages.join(' ')}.`
        : 'Read the log below: the first error line says why it stopped.',
  }),
}
