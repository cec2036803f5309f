/** Messages of ex7. */
export const ex7 = {
  suite: 'Exercise 7 — debugging containers',
  noContainer: (api: string) => `Not run: Compose created no ${api} container (see ex5.up).`,
  logs: {
    stopped: (api: string) => `docker compose logs ${api} shows no uvicorn startup: the container stopped.`,
    noStartup: (api: string) => `docker compose logs ${api} shows no uvicorn startup line.`,
    expected: '"Uvicorn running on http://0.0.0.0:8000" and "Application startup complete"',
    emptyLog: '(empty log)',
    fix: 'The api container must run uvicorn (CMD in api/Dockerfile), which logs these lines when it starts.',
  },
  exec: {
    /** `version` and `cwd` are empty when the probe printed nothing; `present`: the app file is in `cwd`. */
    message: (api: string, version: string, appFile: string, present: boolean, cwd: string) =>
      `Inside the running ${api} container: Python ${version || '?'}, and ${appFile} ${present ? 'is' : 'is not'} in ${cwd || 'the working directory'}.`,
    expected: (major: number, appFile: string) => `Python ${major} and ${appFile} in the working directory`,
    seen: (version: string, cwd: string, appFile: string, present: boolean) =>
      `Python ${version}, working directory ${cwd}, ${appFile} ${present ? 'present' : 'missing'}`,
    /** `dockerfile`: the Dockerfile Compose builds the service from. */
    fix: (dockerfile: string, pythonImage: string, appFile: string) => `In ${dockerfile}: FROM a Python image (for example ${pythonImage}), a WORKDIR, then COPY ${appFile} . into it.`,
  },
  restart: {
    notSame: {
      message: 'docker compose restart api did not restart the same container.',
      expected: 'same container id, new start time',
      seen: (id: string, startedAt: string) => `id ${id}, started ${startedAt}`,
    },
    dbRestarted: {
      message: (api: string, db: string) => `Restarting ${api} also restarted ${db}.`,
      expected: (db: string) => `${db} untouched`,
      seen: (db: string, startedAt: string) => `${db} restarted at ${startedAt}`,
      fix: (db: string, api: string) => `Nothing in ${db} should depend on ${api}: check depends_on and restart policies.`,
    },
    stopped: (api: string) => `After the restart, the ${api} container stopped.`,
    noAnswer: {
      message: (path: string) => `After the restart, GET ${path} did not answer 200.`,
      expected: 'HTTP 200 again',
    },
  },
}
