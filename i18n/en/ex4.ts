/** Messages of exercise 4: the API in a container of the student's image (specs/ex4-run-api.spec.ts). */
export const ex4 = {
  stopSuite: 'Exercise 4 — docker stop, docker ps -a',
  suite: 'Exercise 4 — run the API in a container',
  /** What `lab.exited` says should keep running. */
  apiContainer: 'the API container',
  health: {
    stopped: 'The API container stopped instead of serving requests.',
    noAnswer: {
      message: (path: string, error: string) => `GET ${path} on the published port got no answer: ${error}.`,
      expected: (body: string, seconds: number) => `HTTP 200 ${body} within ${seconds} s`,
      /** `listening`: what `lab.listening` says the server listens on. */
      seen: (listening: string) => `no answer; inside the container the server is ${listening}`,
      fix: 'Read the log below.',
    },
    wrongAnswer: {
      message: (path: string, status: number, body: string) => `GET ${path} answered ${status} ${body}.`,
      noRoute: (path: string) => `There is no route ${path}: declare @app.get("${path}") in app.py.`,
      exactBody: (body: string) => `The route must return the dictionary ${body} exactly.`,
    },
  },
  listenAll: {
    stopped: 'The API container stopped: nothing to listen.',
    message: (listening: string) => `Inside the container the server is ${listening}.`,
    expected: (port: number) => `listening on 0.0.0.0:${port} (every interface), so the published port reaches it`,
  },
  ps: {
    notListed: 'docker ps did not list the container: it was not running.',
    notPublished: {
      message: (port: number) => `docker ps listed the container without port ${port} published.`,
      expected: (port: number) => `PORTS shows 0.0.0.0:<host port>->${port}/tcp`,
      seen: 'no published port',
      fix: (port: number) => `Add EXPOSE ${port} if you like, but above all run it with -p ${port}:${port}.`,
    },
    notExited: {
      message: 'After docker stop, the container was not shown as exited by docker ps -a.',
      expected: 'gone from docker ps, listed by docker ps -a as Exited',
      /** `state`: Docker's word (exited, running…), undefined when docker ps -a does not list it. */
      seen: (state: string | undefined) => `docker ps -a shows it as ${state ?? 'absent'}`,
    },
  },
  gracefulStop: {
    blocked: 'Not run: the container was not running when it was to be stopped (see ex4.ps).',
    /** `seconds`: how long docker stop took; `exitCode`: what `lab.exitCode` says of it. */
    message: (seconds: number, exitCode: string) => `docker stop took ${seconds.toFixed(1)} s and the container exited with code ${exitCode}.`,
    /** `grace`: how long docker stop waits after SIGTERM before it kills (docker stop -t). */
    expected: (grace: number) => `exit code 0: the server handles SIGTERM and stops before the ${grace} s grace period ends`,
    seen: (seconds: number, exitCode: number) => `${seconds.toFixed(1)} s, exit code ${exitCode}`,
    fixShellForm: (grace: number, exec: string) =>
      `Write CMD in exec form: ${exec}. In shell form, /bin/sh is PID 1 and does not pass SIGTERM to uvicorn, so docker stop waits ${grace} s and then kills it (137).`,
    fixExecForm: 'Write CMD in exec form so uvicorn is PID 1, receives SIGTERM and shuts down cleanly.',
  },
}
