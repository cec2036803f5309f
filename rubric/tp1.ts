import type { RubricSource } from './schema.js'

type CheckSource = RubricSource['checks'][number]

/** A report check: its points are shared equally among its questions, each answered or not. */
function reportCheck(exercise: number, points: number, questions: string[]): CheckSource {
  return {
    id: `ex${exercise}.report`, exercise, points, review: true,
    items: questions.map((q) => ({ id: q, points: points / questions.length })),
  }
}

/**
 * TP1 ("Docker: images, containers, Compose"): what is checked, what it is worth, what is expected. The titles a
 * student reads are in the catalogues (i18n/<language>/rubric.ts), by check id.
 */
export const tp1: RubricSource = {
  lab: 'tp1',
  language: 'fr',
  totalPoints: 100,
  expected: {
    baseImage: { repository: 'python', pythonMajor: 3, example: 'python:3.11-slim' },
    postgresMajor: 16,
    apiPort: 8000,
    apiHost: '0.0.0.0',
    dbPort: 5432,
    healthPath: '/health',
    healthBody: { status: 'ok' },
    appModule: 'app:app',
    appFile: 'app.py',
    pipPackages: ['fastapi', 'uvicorn'],
    oneShotOutput: 'Bonjour',
    db: { user: 'demo', password: 'demo', database: 'demo' },
    services: { db: 'db', api: 'api', apiBuildContext: './api' },
  },
  layout: {
    labName: '(?:^|[^a-z0-9])(?:tp|td|lab)[\\s_.-]*0*(\\d+)(?![0-9])',
    labNumber: 1,
    maxDepth: 2,
    // The seed kept exercise 3's files at the root beside api/; the course's statement puts them in api/ only.
    imageFolders: ['.', 'api'],
    reportFiles: ['reports/rapport_tp1.md', 'rapport_tp1.md', 'README.md', 'reports/*.md', 'rapport*.md', 'report*.md', 'compte*rendu*.md', 'cr*.md'],
  },
  limits: { memoryMegabytes: 1024, pids: 512, cpus: 1, logMegabytes: 10 },
  timeouts: {
    buildSeconds: 300,
    startSeconds: 30,
    probeSeconds: 5,
    composeUpSeconds: 300,
    composeDownSeconds: 60,
    stopGraceSeconds: 10,
    quickStopSeconds: 3,
  },
  report: {
    minWords: 8,
    questions: {
      '1.b': { screenshot: true }, '1.c': { screenshot: true },
      '2.a': { screenshot: false }, '2.b': { screenshot: false }, '2.c': { screenshot: false }, '2.d': { screenshot: true },
      '3.a': { screenshot: false }, '3.b': { screenshot: false }, '3.c': { screenshot: true },
      '4.a': { screenshot: false }, '4.b': { screenshot: true }, '4.c': { screenshot: true }, '4.d': { screenshot: true },
      '5.b': { screenshot: false }, '5.c': { screenshot: true }, '5.d': { screenshot: true }, '5.e': { screenshot: false },
      '6.a': { screenshot: false }, '6.b': { screenshot: true }, '6.c': { screenshot: false },
      '7.a': { screenshot: true }, '7.b': { screenshot: true }, '7.c': { screenshot: true }, '7.d': { screenshot: true }, '7.e': { screenshot: false },
      '8.a': { screenshot: false }, '8.b': { screenshot: false },
    },
    pastedFiles: { '3.a': 'app', '3.b': 'dockerfile', '5.b': 'compose' },
  },
  checks: [
    { id: 'ex1.engine', exercise: 1, points: 0 },
    reportCheck(1, 4, ['1.b', '1.c']),

    { id: 'ex2.one-shot', exercise: 2, points: 2 },
    { id: 'ex2.shared-kernel', exercise: 2, points: 2 },
    reportCheck(2, 4, ['2.a', '2.b', '2.c', '2.d']),

    { id: 'ex3.health-route', exercise: 3, points: 3 },
    {
      id: 'ex3.dockerfile', exercise: 3, points: 5,
      items: [
        { id: 'from', points: 1 },
        { id: 'workdir', points: 1 },
        { id: 'copy', points: 1 },
        { id: 'pip', points: 1 },
        { id: 'cmd', points: 1 },
      ],
    },
    { id: 'ex3.report-files', exercise: 3, points: 0, advisory: true },
    { id: 'ex3.build', exercise: 3, points: 6 },
    { id: 'ex3.image', exercise: 3, points: 6 },

    { id: 'ex4.health', exercise: 4, points: 8 },
    { id: 'ex4.listen-all', exercise: 4, points: 3 },
    { id: 'ex4.ps', exercise: 4, points: 3 },
    { id: 'ex4.graceful-stop', exercise: 4, points: 4 },
    reportCheck(4, 2, ['4.a', '4.b', '4.c', '4.d']),

    { id: 'ex5.compose-valid', exercise: 5, points: 4 },
    {
      id: 'ex5.services', exercise: 5, points: 3,
      items: [
        { id: 'db-image', points: 1 },
        { id: 'api-build', points: 1 },
        { id: 'api-depends-on-db', points: 1 },
      ],
    },
    { id: 'ex5.ports', exercise: 5, points: 1 },
    { id: 'ex5.up', exercise: 5, points: 4 },
    { id: 'ex5.api-health', exercise: 5, points: 3 },
    { id: 'ex5.down', exercise: 5, points: 3 },
    reportCheck(5, 2, ['5.b', '5.c', '5.d', '5.e']),

    { id: 'ex6.credentials', exercise: 6, points: 1 },
    { id: 'ex6.connect', exercise: 6, points: 4 },
    { id: 'ex6.version', exercise: 6, points: 4 },
    { id: 'ex6.database', exercise: 6, points: 2 },
    { id: 'ex6.psql-exec', exercise: 6, points: 1 },
    { id: 'ex6.service-dns', exercise: 6, points: 2 },
    reportCheck(6, 2, ['6.a', '6.b', '6.c']),

    { id: 'ex7.logs', exercise: 7, points: 2 },
    { id: 'ex7.exec', exercise: 7, points: 2 },
    { id: 'ex7.restart', exercise: 7, points: 2 },
    reportCheck(7, 2, ['7.a', '7.b', '7.c', '7.d', '7.e']),

    reportCheck(8, 4, ['8.a', '8.b']),
  ],
}
