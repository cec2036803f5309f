import type { Finding } from '../../../../core/grading/finding.js'
import type { Exited, Unanswered } from '../../../../core/lab/api-diagnosis.js'
import { exitCode, lab } from '../../../../core/i18n/en/lab.js'
import type { Expected } from '../../expected.js'

/**
 * The example lab's own words in English: its titles, why a check is blocked, and one section per exercise. This
 * object's shape is their type: a French entry missing or extra fails `npm run typecheck`.
 */
export const en = {
  rubric: {
    title: 'Example lab — a static site in a container',
    checks: (e: Expected) => ({
      'ex1.expose': `the Dockerfile declares the port the site listens on (EXPOSE ${e.port})`,
      'ex1.build': 'the Dockerfile builds',
      'ex1.serves': `a container of the image answers GET / on port ${e.port} with a page that says "${e.greeting}"`,
      'ex2.up': `after compose up, ${e.services.web} and ${e.services.backend} are running and ${e.services.web} answers on port ${e.port}`,
      'ex2.service-dns': `from inside ${e.services.web}, http://${e.services.backend}:${e.backendPort}${e.backendPath} answers "${e.backendAnswer}"`,
    }),
  },
  session: {
    /** Why a check is not run, by what it needs; `by` is the check that provides it (rubric.provides). */
    blocked: {
      image: (by: string) => `Not run: the image did not build (see ${by}).`,
      composeFile: (by: string) => `Not run: the Compose file is missing or invalid (see ${by}).`,
      stack: (by: string) => `Not run: docker compose up failed (see ${by}).`,
    },
  },
  ex1: {
    /** `searched`: the folders where a Dockerfile was looked for. */
    noDockerfile: (searched: readonly string[]): Finding => ({
      message: 'There is no Dockerfile in the hand-in.',
      expected: `a Dockerfile beside index.html, in ${searched.join(' or ')}`,
      fix: 'Write the Dockerfile of exercise 1 next to the site\'s index.html.',
    }),
    expose: (port: number, seen: readonly number[]): Finding => ({
      message: seen.length ? `The Dockerfile exposes ${seen.join(', ')}, not ${port}.` : 'The Dockerfile exposes no port.',
      expected: `EXPOSE ${port}`,
      seen: seen.length ? `EXPOSE ${seen.join(' ')}` : 'no EXPOSE instruction',
      fix: `Add EXPOSE ${port}: it documents the port the site listens on, and docker run -P publishes it.`,
    }),
    buildFailed: (step: string | undefined, error: string | undefined): Finding => ({
      message: `The image did not build${step ? ` at ${step}` : ''}.`,
      expected: 'docker build succeeds',
      seen: error ?? 'the build failed',
      fix: 'Run docker build on the folder of the Dockerfile and read the first error of its output.',
    }),
    startFailed: (seen: string): Finding => ({
      message: 'Docker could not start a container of your image.',
      expected: 'docker run -p 8080:8080 <your image> starts the site',
      seen,
      fix: 'Run the image by hand (docker run <image>) and read the error: does CMD name a program of the image?',
    }),
    noAnswer: (got: Unanswered, e: Expected): Finding => ({
      message: `The site does not answer GET / on port ${e.port} with its page.`,
      expected: `200 and a page that says "${e.greeting}"`,
      seen: lab.unanswered(got),
      fix: `Start the server on port ${e.port} in CMD (httpd -f -p ${e.port} -h <folder of index.html>), and copy index.html into the image.`,
    }),
  },
  ex2: {
    noCompose: (names: readonly string[]): Finding => ({
      message: 'There is no Compose file in the hand-in.',
      expected: `a Compose file (${names.join(', ')}) with the services of exercise 2`,
      fix: 'Write compose.yaml at the top of the hand-in.',
    }),
    invalid: (error: string): Finding => ({
      message: `The Compose file is not valid: ${error}`,
      expected: 'a Compose file docker compose config accepts',
      seen: error,
      fix: 'Run docker compose config and fix what it says.',
    }),
    refused: (keys: string): Finding => ({
      message: `The grader refuses to run this Compose project (${keys}).`,
      expected: 'services that need no privilege and no access to the host',
      seen: keys,
      fix: 'Remove what gives the containers privileges or access to the host.',
    }),
    upFailed: (output: string): Finding => ({
      message: 'docker compose up failed.',
      expected: 'docker compose up starts every service',
      seen: output,
      fix: 'Run docker compose up and read its first error.',
    }),
    noContainer: (service: string): Finding => ({
      message: `Compose created no ${service} container.`,
      expected: `a service named ${service}`,
      fix: `Name the service ${service} under services: in the Compose file.`,
    }),
    stopped: (service: string, exited: Exited): Finding => ({
      message: `The ${service} container stopped.`,
      expected: `${service} keeps running`,
      seen: `it exited with code ${exitCode(exited.exit)}`,
      fix: `Read its log (docker compose logs ${service}): its command must keep a server in the foreground (httpd -f).`,
    }),
    webNoAnswer: (got: Unanswered, e: Expected): Finding => ({
      message: `The ${e.services.web} service does not answer GET / on port ${e.port} with its page.`,
      expected: `200 and a page that says "${e.greeting}"`,
      seen: lab.unanswered(got),
      fix: `Build ${e.services.web} from the Dockerfile of exercise 1 and publish ${e.port}:${e.port}.`,
    }),
    dns: (seen: string, e: Expected): Finding => ({
      message: `From inside ${e.services.web}, http://${e.services.backend}:${e.backendPort}${e.backendPath} does not answer "${e.backendAnswer}".`,
      expected: e.backendAnswer,
      seen,
      fix: `Put ${e.services.web} and ${e.services.backend} on one network (Compose's default network does it): a service reaches another by its service name.`,
    }),
  },
}

export type ExampleWords = typeof en
