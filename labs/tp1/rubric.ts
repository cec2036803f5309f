import type { Expected, Tp1RubricSource } from './expected.js'

type CheckSource = Tp1RubricSource['checks'][number]

/** A report check: its points are shared equally among its questions, each answered or not. */
function reportCheck(exercise: number, points: number, questions: string[]): CheckSource {
  return {
    id: `ex${exercise}.report`, exercise, points, review: true, phase: 'files',
    items: questions.map((q) => ({ id: q, points: points / questions.length })),
  }
}

/** What a correct hand-in shows: the checks and the report's pasted outputs read these values. */
const expected = {
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
} satisfies Expected

/**
 * TP1 ("Docker: images, containers, Compose"): what is checked, what it is worth, what is expected. The titles a
 * student reads are in the catalogues (i18n/<language>/rubric.ts), by check id.
 */
export const tp1: Tp1RubricSource = {
  lab: 'tp1',
  language: 'fr',
  totalPoints: 100,
  expected,
  layout: {
    labName: '(?:^|[^a-z0-9])(?:tp|td|lab)[\\s_.-]*0*(\\d+)(?![0-9])',
    labNumber: 1,
    maxDepth: 2,
    // The seed kept exercise 3's files at the root beside api/; the course's statement puts them in api/ only.
    imageFolders: ['.', 'api'],
    reportFiles: ['reports/rapport_tp1.md', 'rapport_tp1.md', 'README.md', 'reports/*.md', 'rapport*.md', 'report*.md', 'compte*rendu*.md', 'cr*.md'],
    appFile: expected.appFile,
    buildService: expected.services.api,
  },
  // The grader reaches PostgreSQL and the API whatever the student published.
  compose: { probePorts: { [expected.services.db]: [expected.dbPort], [expected.services.api]: [expected.apiPort] } },
  limits: { memoryMegabytes: 1024, pids: 512, cpus: 1, logMegabytes: 10 },
  timeouts: {
    buildSeconds: 300,
    startSeconds: 30,
    probeSeconds: 5,
    composeUpSeconds: 300,
    composeDownSeconds: 60,
    stopGraceSeconds: 10,
    quickStopSeconds: 1,
  },
  report: {
    minWords: 8,
    // Each question as the statement places it: its exercise (the id), its step, and a few words a report names it by
    // (the commands, options, files and topics of the request, in this project's words). A report is read by its
    // labels ("Question 4.a", "4.a)", "b :"), else by the statement's steps, else by these words and the order.
    questions: {
      '1.b': { answer: 'screenshot', step: 2, about: ['hello-world', 'hello world', 'vérifi*'], output: [{ text: ['Hello from Docker!'] }] },
      '1.c': { answer: 'observation', step: 3, about: ['ps -a', 'liste des conteneurs', 'tous les conteneurs', 'conteneurs présents'] },
      '2.a': { answer: 'text', about: ['différence', 'image docker', 'images vs', 'modèle', 'instance', 'définition*'] },
      '2.b': { answer: 'text', step: 1, about: ['echo', 'bonjour', 'alpine echo', 'que se passe'] },
      '2.c': { answer: 'text', step: 2, about: ['exited', 'ps -a', 'statut', 'arrêté'] },
      '2.d': { answer: 'observation', step: 3, about: ['-it', 'interacti*', 'uname', 'alpine sh'] },
      '3.a': { answer: 'file', step: 1, about: ['app.py', 'fastapi', '@app.get'] },
      '3.b': { answer: 'file', step: 2, about: ['dockerfile', 'from python', 'workdir'] },
      '3.c': {
        answer: 'screenshot', step: 3, about: ['docker build', 'build', 'construction', 'construi*'],
        // What only a build that succeeded prints: the classic builder, then BuildKit.
        output: [{ text: ['Successfully built', 'Successfully tagged', 'naming to', 'writing image sha256:'] }],
      },
      '4.a': { answer: 'text', step: 1, about: ['-p', '8000:8000', 'mapping', 'mappage', 'redirection', 'publi*'] },
      '4.b': { answer: 'screenshot', step: 2, about: ['/health', 'curl', 'navigateur', 'endpoint'], output: [{ json: expected.healthBody }] },
      '4.c': { answer: 'observation', step: 3, about: ['docker ps', 'nom du conteneur', 'port mappé', 'image utilisée'] },
      '4.d': { answer: 'observation', step: 4, about: ['docker stop', 'docker ps -a', 'ps -a', 'différence', 'arrêt*', 'stop'] },
      '5.b': { answer: 'file', step: 2, about: ['docker-compose.yml', 'compose.yml', 'services:', 'postgres:16'] },
      '5.c': {
        answer: 'screenshot', step: 3, about: ['compose up', 'compose ps', 'démarr*', 'stack', 'lancement'],
        output: [{ running: [expected.services.db, expected.services.api] }],
      },
      '5.d': { answer: 'screenshot', step: 4, about: ['/health', 'curl', 'endpoint', 'navigateur'], output: [{ json: expected.healthBody }] },
      '5.e': { answer: 'text', step: 5, about: ['compose down', 'docker stop', 'arrêt*'] },
      '6.a': { answer: 'text', step: 1, about: ['exec', 'psql', '-u', 'option*'] },
      '6.b': {
        answer: 'screenshot', step: 2, about: ['select', 'version()', 'current_database', 'sql', 'requête*'],
        output: [{ version: { name: 'PostgreSQL', major: expected.postgresMajor } }, { cell: expected.db.database }],
      },
      '6.c': { answer: 'text', step: 3, about: ['hostname', 'mot de passe', 'autre service', 'informations de connexion', 'nom de la base'] },
      '7.a': { answer: 'observation', step: 1, about: ['logs', 'log'] },
      '7.b': { answer: 'observation', step: 2, about: ['exec api', 'python --version', 'shell', 'entrer'] },
      '7.c': { answer: 'observation', step: 3, about: ['restart', 'redémarr*'] },
      '7.d': { answer: 'observation', step: 4, about: ['erreur', 'appi', 'diagnostic', 'cause', 'nameerror', 'ne démarre pas'] },
      '7.e': { answer: 'text', step: 5, about: ['prune', 'nettoy*', 'supprim*'] },
      '8.a': { answer: 'text', step: 1, about: ['notebook', 'jupyter', 'colab', 'production'] },
      '8.b': { answer: 'text', step: 2, about: ['docker compose', 'plusieurs services', 'multi-conteneurs', 'multi-services'] },
    },
    ungraded: {
      '1.a': { step: 1, about: ['docker desktop', 'docker engine', 'install*'] },
      '5.a': { step: 1, about: ['structure', 'arborescence', 'organis*'] },
      '6.d': { step: 4, about: ['-v', 'volume*', 'down -v'] },
    },
    pastedFiles: { '3.a': 'app', '3.b': 'dockerfile', '5.b': 'compose' },
  },
  /**
   * The order the grading works in: a check runs after every check of an earlier phase (the spec files follow). The
   * static reading first, while the image builds; the image's containers; the Compose stack; exercise 4's stop, whose
   * grace period overlaps the stack's checks; compose down last, once nothing needs the stack.
   */
  phases: ['engine', 'files', 'image', 'container', 'stack', 'stop', 'down'],
  /** What checks need, by the check that provides it: a check that needs what failed is blocked by that check. */
  provides: { image: 'ex3.build', container: 'ex4.health', stoppedContainer: 'ex4.ps', composeFile: 'ex5.compose-valid', stack: 'ex5.up', login: 'ex6.connect' },
  checks: [
    { id: 'ex1.engine', exercise: 1, points: 0, phase: 'engine' },
    reportCheck(1, 4, ['1.b', '1.c']),

    { id: 'ex2.one-shot', exercise: 2, points: 2, phase: 'image' },
    { id: 'ex2.shared-kernel', exercise: 2, points: 2, phase: 'image' },
    reportCheck(2, 4, ['2.a', '2.b', '2.c', '2.d']),

    { id: 'ex3.health-route', exercise: 3, points: 3, phase: 'files' },
    {
      id: 'ex3.dockerfile', exercise: 3, points: 5, phase: 'files',
      items: [
        { id: 'from', points: 1 },
        { id: 'workdir', points: 1 },
        { id: 'copy', points: 1 },
        { id: 'pip', points: 1 },
        { id: 'cmd', points: 1 },
      ],
    },
    { id: 'ex3.report-files', exercise: 3, points: 0, phase: 'files', advisory: true },
    { id: 'ex3.cmd-once', exercise: 3, points: 0, phase: 'files', advisory: true },
    { id: 'ex3.build', exercise: 3, points: 6, phase: 'image' },
    { id: 'ex3.image', exercise: 3, points: 6, phase: 'image' },

    { id: 'ex4.health', exercise: 4, points: 8, phase: 'container' },
    { id: 'ex4.listen-all', exercise: 4, points: 3, phase: 'container' },
    { id: 'ex4.ps', exercise: 4, points: 3, phase: 'stop' },
    { id: 'ex4.graceful-stop', exercise: 4, points: 4, phase: 'stop' },
    reportCheck(4, 2, ['4.a', '4.b', '4.c', '4.d']),

    { id: 'ex5.compose-valid', exercise: 5, points: 4, phase: 'files' },
    {
      id: 'ex5.services', exercise: 5, points: 3, phase: 'files',
      items: [
        { id: 'db-image', points: 1 },
        { id: 'api-build', points: 1 },
        { id: 'api-depends-on-db', points: 1 },
      ],
    },
    { id: 'ex5.ports', exercise: 5, points: 1, phase: 'files' },
    { id: 'ex5.up', exercise: 5, points: 4, phase: 'stack' },
    { id: 'ex5.api-health', exercise: 5, points: 3, phase: 'stack' },
    { id: 'ex5.down', exercise: 5, points: 3, phase: 'down' },
    reportCheck(5, 2, ['5.b', '5.c', '5.d', '5.e']),

    { id: 'ex6.credentials', exercise: 6, points: 1, phase: 'stack' },
    { id: 'ex6.connect', exercise: 6, points: 4, phase: 'stack' },
    { id: 'ex6.version', exercise: 6, points: 4, phase: 'stack' },
    { id: 'ex6.database', exercise: 6, points: 2, phase: 'stack' },
    { id: 'ex6.psql-exec', exercise: 6, points: 1, phase: 'stack' },
    { id: 'ex6.service-dns', exercise: 6, points: 2, phase: 'stack' },
    reportCheck(6, 2, ['6.a', '6.b', '6.c']),

    { id: 'ex7.logs', exercise: 7, points: 2, phase: 'stack' },
    { id: 'ex7.exec', exercise: 7, points: 2, phase: 'stack' },
    { id: 'ex7.restart', exercise: 7, points: 2, phase: 'stack' },
    reportCheck(7, 2, ['7.a', '7.b', '7.c', '7.d', '7.e']),

    reportCheck(8, 4, ['8.a', '8.b']),
  ],
}
