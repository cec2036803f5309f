import type { RubricInput } from './schema.js'

type CheckInput = RubricInput['checks'][number]

/** A report check: its points are shared equally among its questions, each answered or not. */
function reportCheck(exercise: number, points: number, questions: string[]): CheckInput {
  return {
    id: `ex${exercise}.report`, exercise, points, review: true,
    title: `Report: question${questions.length > 1 ? 's' : ''} ${questions.join(', ')} answered, screenshots real`,
    items: questions.map((q) => ({ id: q, title: `question ${q}`, points: points / questions.length })),
  }
}

/** TP1 ("Docker: images, containers, Compose"): what is checked, what it is worth, what is expected. */
export const tp1: RubricInput = {
  lab: 'tp1',
  title: 'TP1 — Docker: images, conteneurs, Compose',
  language: 'fr',
  totalPoints: 100,
  expected: {
    pythonImage: 'python:3.13-slim',
    pythonVersion: '3.13',
    postgresMajor: 16,
    apiPort: 8000,
    apiHost: '0.0.0.0',
    dbPort: 5432,
    healthPath: '/health',
    healthBody: { status: 'ok' },
    workdir: '/app',
    appModule: 'app:app',
    appFile: 'app.py',
    pipPackages: ['fastapi', 'uvicorn'],
    oneShotOutput: 'Bonjour',
    db: { user: 'demo', password: 'demo', database: 'demo' },
    services: { db: 'db', api: 'api', apiBuildContext: './api' },
    gracefulStopSeconds: 3,
  },
  limits: { memoryMegabytes: 1024, pids: 512, cpus: 1, logMegabytes: 10 },
  timeouts: {
    buildSeconds: 300,
    startSeconds: 30,
    probeSeconds: 5,
    composeUpSeconds: 300,
    composeDownSeconds: 60,
    stopGraceSeconds: 10,
  },
  report: {
    file: 'README.md',
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
    pastedFiles: { '3.a': 'app.py', '3.b': 'Dockerfile', '5.b': 'docker-compose.yml' },
  },
  checks: [
    { id: 'ex1.engine', exercise: 1, title: 'Docker Engine is reachable (engine, Compose and API versions recorded)', points: 0 },
    reportCheck(1, 4, ['1.b', '1.c']),

    { id: 'ex2.one-shot', exercise: 2, title: 'a one-shot command in the image prints its output and the container exits on its own with code 0', points: 2 },
    { id: 'ex2.shared-kernel', exercise: 2, title: 'uname -r in the image shows the Docker host kernel', points: 2 },
    reportCheck(2, 4, ['2.a', '2.b', '2.c', '2.d']),

    { id: 'ex3.health-route', exercise: 3, title: 'app.py declares GET /health returning {"status": "ok"}', points: 3 },
    {
      id: 'ex3.dockerfile', exercise: 3, title: 'the Dockerfile has the five instructions the lab asks for', points: 5,
      items: [
        { id: 'from', title: 'FROM python:3.13-slim', points: 1 },
        { id: 'workdir', title: 'WORKDIR /app', points: 1 },
        { id: 'copy', title: 'COPY app.py', points: 1 },
        { id: 'pip', title: 'RUN pip install fastapi uvicorn', points: 1 },
        { id: 'cmd', title: 'CMD in exec form runs uvicorn app:app on 0.0.0.0 port 8000', points: 1 },
      ],
    },
    { id: 'ex3.report-files', exercise: 3, title: 'the files pasted in the report (3.a, 3.b, 5.b) match the submitted ones (advisory)', points: 0 },
    { id: 'ex3.build', exercise: 3, title: 'the Dockerfile builds', points: 6 },
    { id: 'ex3.image', exercise: 3, title: 'the image has /app/app.py, Python 3.13 and importable fastapi and uvicorn', points: 6 },

    { id: 'ex4.health', exercise: 4, title: 'the API answers GET /health with 200 {"status":"ok"} on its published port', points: 8 },
    { id: 'ex4.listen-all', exercise: 4, title: 'the server listens on 0.0.0.0:8000 inside the container', points: 3 },
    { id: 'ex4.ps', exercise: 4, title: 'docker ps lists the running container with its port; after docker stop only ps -a lists it, as exited', points: 3 },
    { id: 'ex4.graceful-stop', exercise: 4, title: 'docker stop ends the container within 3 s with exit code 0', points: 4 },
    reportCheck(4, 2, ['4.a', '4.b', '4.c', '4.d']),

    { id: 'ex5.compose-valid', exercise: 5, title: 'the Compose file is valid YAML and a valid Compose file', points: 4 },
    {
      id: 'ex5.services', exercise: 5, title: 'services db and api are declared as the lab asks', points: 3,
      items: [
        { id: 'db-image', title: 'db uses postgres:16', points: 1 },
        { id: 'api-build', title: 'api builds from ./api, which holds a Dockerfile', points: 1 },
        { id: 'api-depends-on-db', title: 'api depends on db', points: 1 },
      ],
    },
    { id: 'ex5.ports', exercise: 5, title: 'db publishes 5432:5432 and api publishes 8000:8000', points: 1 },
    { id: 'ex5.up', exercise: 5, title: 'after compose up, db and api are running and stay up', points: 4 },
    { id: 'ex5.api-health', exercise: 5, title: 'the api service answers GET /health with 200 {"status":"ok"}', points: 3 },
    { id: 'ex5.down', exercise: 5, title: 'compose down leaves no container and no network of the project', points: 3 },
    reportCheck(5, 2, ['5.b', '5.c', '5.d', '5.e']),

    { id: 'ex6.credentials', exercise: 6, title: 'POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB are demo', points: 1 },
    { id: 'ex6.connect', exercise: 6, title: 'a PostgreSQL client connects to db as demo/demo, database demo', points: 4 },
    { id: 'ex6.version', exercise: 6, title: 'the PostgreSQL server is version 16', points: 4 },
    { id: 'ex6.database', exercise: 6, title: 'current_database() and current_user are demo', points: 2 },
    { id: 'ex6.psql-exec', exercise: 6, title: 'psql -U demo -d demo inside the db container answers a query', points: 1 },
    { id: 'ex6.service-dns', exercise: 6, title: 'from inside api, host db port 5432 accepts a TCP connection', points: 2 },
    reportCheck(6, 2, ['6.a', '6.b', '6.c']),

    { id: 'ex7.logs', exercise: 7, title: "the api logs show uvicorn's startup lines", points: 2 },
    { id: 'ex7.exec', exercise: 7, title: 'inside the running api container: app.py in the working directory, Python 3.13', points: 2 },
    { id: 'ex7.restart', exercise: 7, title: 'restarting only api keeps the same container, leaves db alone, and /health answers again', points: 2 },
    reportCheck(7, 2, ['7.a', '7.b', '7.c', '7.d', '7.e']),

    reportCheck(8, 4, ['8.a', '8.b']),
  ],
}
