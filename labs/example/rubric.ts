import type { Expected, ExampleRubricSource } from './expected.js'

/** What a correct hand-in shows: the checks, the titles and the messages read these values. */
const expected = {
  port: 8080,
  greeting: 'Hello from a container',
  services: { web: 'web', backend: 'backend' },
  backendPort: 9000,
  backendPath: '/ping',
  backendAnswer: 'pong',
} satisfies Expected

/**
 * The example lab: a static site in an image (exercise 1), the site and a backend in a Compose project (exercise 2),
 * and a report of two questions. The single source of its check ids, points, expected values, layout and timeouts.
 */
export const example: ExampleRubricSource = {
  lab: 'example',
  language: 'en',
  totalPoints: 100,
  expected,
  layout: {
    labName: '(?:^|[^a-z0-9])(?:example|lab)[\\s_.-]*0*(\\d+)(?![0-9])',
    labNumber: 1,
    maxDepth: 1,
    // The site's Dockerfile and page: in web/, or at the top of the hand-in.
    imageFolders: ['web', '.'],
    reportFiles: ['REPORT.md', 'report.md', 'README.md'],
    appFile: 'index.html',
    buildService: expected.services.web,
  },
  // The grader reaches the site and the backend whatever the student published.
  compose: { probePorts: { [expected.services.web]: [expected.port], [expected.services.backend]: [expected.backendPort] } },
  limits: { memoryMegabytes: 256, pids: 128, cpus: 1, logMegabytes: 5 },
  timeouts: {
    buildSeconds: 120,
    startSeconds: 20,
    probeSeconds: 5,
    composeUpSeconds: 120,
    composeDownSeconds: 30,
    stopGraceSeconds: 5,
    quickStopSeconds: 1,
  },
  report: {
    minWords: 8,
    questions: {
      '1.a': { answer: 'text', step: 1, about: ['expose', 'publish*', '-p', 'port*'] },
      '2.a': { answer: 'text', step: 1, about: ['service name', 'dns', 'network*', 'backend'] },
    },
    ungraded: {},
    pastedFiles: {},
  },
  /** The files first, while the image builds; then the image's container; then the Compose project. */
  phases: ['files', 'image', 'stack'],
  provides: { image: 'ex1.build', composeFile: 'ex2.up', stack: 'ex2.up' },
  checks: [
    { id: 'ex1.expose', exercise: 1, points: 10, phase: 'files' },
    { id: 'ex1.build', exercise: 1, points: 15, phase: 'image' },
    { id: 'ex1.serves', exercise: 1, points: 25, phase: 'image' },
    { id: 'ex1.report', exercise: 1, points: 5, review: true, phase: 'files', items: [{ id: '1.a', points: 5 }] },
    { id: 'ex2.up', exercise: 2, points: 20, phase: 'stack' },
    { id: 'ex2.service-dns', exercise: 2, points: 20, phase: 'stack' },
    { id: 'ex2.report', exercise: 2, points: 5, review: true, phase: 'files', items: [{ id: '2.a', points: 5 }] },
  ],
}
