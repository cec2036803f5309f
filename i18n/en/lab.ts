/**
 * Messages the lab's helpers (lab/*.ts) write for the checks of several exercises: what a container's exit code
 * means, why an API cannot be reached, pg's errors, and why a check that needs a container is blocked.
 */
export const lab = {
  /** What a server really listens on inside its container (lab/api-diagnosis.ts). */
  listening: {
    all: (port: number) => `listening on 0.0.0.0:${port}`,
    /** `addresses`: e.g. "127.0.0.1:8000, ::1:8000". */
    onlyOn: (addresses: string) => `listening on ${addresses} only`,
    loopbackFix: (address: string) => `${address} is the container's own loopback: nothing outside the container can reach it. Start uvicorn with --host 0.0.0.0.`,
    otherPort: (addresses: string, port: number) => `listening on ${addresses}, not on port ${port}`,
    otherPortFix: (port: number) => `The lab publishes container port ${port} (-p ${port}:${port}): start uvicorn with --port ${port}.`,
    nothing: 'nothing listens on any TCP port',
    nothingFix: 'The server did not start: read the log below (an import error? a wrong module name in CMD?).',
  },
  /** A container that exited when it should have kept running (lab/api-diagnosis.ts). */
  exited: {
    /** `what`: the container, e.g. "the API container". */
    expected: (what: string) => `${what} keeps running`,
    /** `exitCode`: what `exitCode` below says of it. */
    seen: (exitCode: string) => `it exited with code ${exitCode}`,
    fixImport: 'uvicorn could not import your app: the part before ":" in app:app must be the name of the Python file (app.py → app), and that file must be in the working directory.',
    fixNotInstalled: 'The command in CMD is not installed in the image: RUN pip install fastapi uvicorn.',
    fixReadLog: 'Read the log below: the first error line says why it stopped.',
  },
  /** What a container's exit code means, in words a beginner can act on (lab/exit-codes.ts). */
  exitCode: {
    oomKilled: (code: number) => `${code}: killed: out of memory`,
    finished: '0: it finished normally',
    error: '1: the program stopped with an error (read the log below)',
    misuse: '2: the command was used wrongly (a bad option or argument)',
    notExecutable: '126: the command was found but could not be executed (permissions, or not a program)',
    notFound: '127: command not found (a typo in CMD, or the program is not installed in the image)',
    sigkill: '137: killed with SIGKILL (by docker stop after the grace period, or out of memory)',
    segfault: '139: crashed (segmentation fault)',
    sigterm: '143: stopped by SIGTERM without handling it',
    signal: (code: number, signal: number) => `${code}: killed by signal ${signal}`,
    failed: (code: number) => `${code}: the program stopped with an error`,
  },
  /** What a connection error means for a beginner (lab/http-probe.ts). */
  connection: {
    refused: 'the connection was refused (nothing listens on that port)',
    closed: 'the connection was closed without an answer (nothing inside the container listens where the port is published)',
    timeout: 'no answer within the time limit',
  },
  /** pg's errors, explained (lab/postgres-probe.ts). */
  postgres: {
    wrongPassword: (user: string, password: string) => `Set POSTGRES_USER: ${user} and POSTGRES_PASSWORD: ${password} under db.environment. If you changed them after a first start, the old data volume keeps the old ones: run docker compose down -v once.`,
    noDatabase: (database: string) => `Set POSTGRES_DB: ${database} under db.environment so that PostgreSQL creates the database on its first start.`,
    noRole: (user: string) => `The role "${user}" does not exist: set POSTGRES_USER: ${user} under db.environment.`,
    other: 'Check that the db service is running (docker compose ps) and read its logs (docker compose logs db).',
  },
  /** What the run's shared image, container and stack say when they cannot be had (lab/session.ts). */
  session: {
    /** Why a check is not run, by what it needs; `by` is the check that provides it (rubric.provides). */
    blocked: {
      image: (by: string) => `Not run: the image did not build (see ${by}).`,
      container: (by: string) => `Not run: the container could not start (see ${by}).`,
      stoppedContainer: (by: string) => `Not run: the container was not running when it was to be stopped (see ${by}).`,
      composeFile: (by: string) => `Not run: the Compose file is missing or invalid (see ${by}).`,
      stack: (by: string) => `Not run: docker compose up failed (see ${by}).`,
      login: (by: string) => `Not run: no login to PostgreSQL succeeded (see ${by}).`,
    },
    noLab: 'Not run: the lab is nowhere in the submission (see the top of the sheet).',
    noDockerfile: 'no Dockerfile in the submission',
    apiStart: {
      message: 'Docker could not start a container of your image.',
      expected: 'docker run -p 8000:8000 <your image> starts the API',
      fixNotInstalled: 'CMD runs a program that is not installed in the image: RUN pip install fastapi uvicorn before CMD.',
      fix: 'Run the image by hand (docker run <image>) and read the error.',
    },
    /** Said when the grader's own YAML reading (with merge keys, before Compose reads the file) fails. */
    composeUnreadable: 'its YAML could not be read with its merge keys (<<: must name a mapping)',
    /** `keys`: what the policy refuses, e.g. "api.privileged, db.volumes". */
    policyRefused: (keys: string, by: string) => `Not run: the grader refuses to run this Compose project (${keys}; see ${by}).`,
    notRunning: (service: string, by: string) => `Not run: the ${service} container is not running (see ${by}).`,
    noContainer: (service: string, by: string) => `Not run: Compose created no ${service} container (see ${by}).`,
  },
  /** A one-shot probe of the image (python -c, uname -r) that did not end in time (lab/one-shot.ts): the machine's slowness. */
  probeTimedOut: (seconds: number) => `a one-shot command in the image did not finish within ${seconds} s (the machine may be overloaded: grade again)`,
  /** A build that ran out of time (lab/docker-engine.ts). */
  buildTimedOut: (seconds: number) => `the build did not finish within ${seconds} s`,
  /** What LabStack cannot do; they reach the student as the reason a check could not be run. */
  stack: {
    noContainer: (service: string) => `Compose created no container for the service "${service}"`,
    portNotPublished: (port: number, service: string) => `port ${port} of "${service}" is not published`,
    downTimedOut: (seconds: number) => `docker compose down did not finish within ${seconds} s`,
  },
  /** `docker compose up` that ran out of time (lab/lab-stack.ts). */
  composeUpTimedOut: (seconds: number) => `docker compose up did not finish within ${seconds} s`,
  /** Docker cannot be reached: the student is told how to start it (lab/docker-engine.ts). */
  dockerHostUnreachable: (host: string, reason: string) => `Docker is not reachable at DOCKER_HOST=${host} (${reason}). Start Docker Desktop or the docker service, or fix DOCKER_HOST, then grade again.`,
  dockerUnreachable: (reason: string) => `Docker is not running or not reachable (${reason}). Start Docker Desktop or the docker service, then grade again.`,
}
