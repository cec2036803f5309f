/** A published port of a Compose service that is not the one the lab asks for, as ex5.ports reports it. */
export interface PortProblem {
  service: string
  /** Every port mapping of the service: `published` is undefined when Docker picks a random host port. */
  mappings: readonly { published?: string; target: number }[]
  /** The container port the lab asks to publish. */
  target: number
  /** The container port is published, on another host port. */
  publishedElsewhere: boolean
}

const mapping = (m: { published?: string; target: number }) => `${m.published ?? '(random)'}:${m.target}`

/** Messages of ex5. */
export const ex5 = {
  /** What a stopped container was, in exitedFeedback: "the api container keeps running". */
  theContainer: (service: string) => `the ${service} container`,
  file: {
    suite: 'Exercise 5 — the Compose file',
    missing: {
      message: 'There is no Compose file in the submission.',
      /** `folder`: the lab's folder ("./" for the top of the submission). */
      expected: (names: readonly string[], folder: string) => `one of ${names.join(', ')} in ${folder}`,
      seen: 'none of them',
      fix: 'Save your Compose file as docker-compose.yml next to the api/ folder.',
    },
    /** The file is there but holds nothing (or only comments): the skeleton was never filled in. */
    empty: {
      message: (file: string) => `${file} is empty: it declares no service.`,
      expected: (db: string, api: string) => `the services ${db} and ${api} of question 5.b`,
      seen: 'an empty file (or only comments)',
      fix: (file: string) => `Write the Compose file of question 5.b in ${file}, then check it with docker compose config.`,
    },
    invalid: {
      message: (file: string) => `${file} is valid YAML but not a valid Compose file.`,
      expected: 'docker compose config accepts the file',
      noConfig: 'no configuration',
      fix: 'Check the key names and their nesting against the lab: services → db / api → image, build, environment, ports, depends_on.',
    },
    refused: {
      message: (violations: readonly { service: string; key: string }[]) =>
        `The grader refuses to run this Compose project: ${violations.map((v) => (v.service ? `service "${v.service}", ${v.key}` : v.key)).join('; ')}.`,
      expected: 'services that need no special power over the machine and use only files of the submission',
      seen: (violations: readonly { service: string; message: string }[]) => violations.map((v) => (v.service ? `${v.service}: ${v.message}` : v.message)).join('\n'),
      fix: 'Remove these keys or values: the lab needs none of them. Nothing of this project was run.',
    },
    missingService: (service: string, services: readonly string[]) => `no service named "${service}" (services: ${services.join(', ') || 'none'})`,
    dbImage: {
      expected: (db: string, major: number) => `service "${db}" with image: postgres:${major}`,
      seen: (image: string | undefined) => `image: ${image ?? '(none)'}`,
      fix: (db: string, major: number) =>
        `Under services: → ${db}:, write image: postgres:${major}. Pin the major version: postgres or postgres:latest can jump to another release.`,
    },
    apiBuild: {
      expected: (api: string, context: string) => `service "${api}" with build: ${context}, and a Dockerfile in that folder`,
      noBuild: (api: string, image: string | undefined) => `"${api}" has no build: key (image: ${image ?? 'none'})`,
      context: (context: string, noDockerfile: boolean) => `build context ${context}${noDockerfile ? ', where there is no Dockerfile' : ''}`,
      fix: (api: string, context: string) => `Write build: ${context} under ${api}:, and put the API's Dockerfile and app.py in that folder.`,
    },
    dependsOn: {
      expected: (api: string, db: string) => `${api}.depends_on lists ${db}`,
      seen: (dependsOn: readonly string[]) => (dependsOn.length ? `depends_on: ${dependsOn.join(', ')}` : 'no depends_on'),
      fix: (api: string, db: string) => `Under ${api}:, add depends_on: with - ${db}, so that Compose starts the database first.`,
    },
    ports: {
      message: (services: readonly string[]) => `The published ports are not the ones the lab asks for: ${services.join(' and ')}.`,
      expected: (db: string, dbPort: number, api: string, apiPort: number) =>
        `${db}: "${dbPort}:${dbPort}", ${api}: "${apiPort}:${apiPort}" (HOST:CONTAINER)`,
      seen: (problems: readonly PortProblem[]) =>
        problems
          .map((p) => `${p.service}: ${p.mappings.length ? p.mappings.map(mapping).join(', ') : 'no ports'} (container port ${p.target} ${p.publishedElsewhere ? 'published on another host port' : 'not published'})`)
          .join('; '),
      fix: 'Under each service, write ports: with a quoted "HOST:CONTAINER" entry, e.g. - "8000:8000".',
    },
  },
  up: {
    suite: 'Exercise 5 — docker compose up',
    timeout: {
      /** `reason` is the timeout's own sentence, without its final period. */
      message: (reason: string) => `${reason}.`,
      expected: (seconds: number) => `docker compose up finishes within ${seconds} s`,
      seen: 'still building or starting',
      fix: 'A RUN step of api/Dockerfile must end: start the server with CMD, never with RUN.',
    },
    failed: {
      /** `partly`: the services that need no build were started alone. */
      message: (partly: boolean) => `docker compose up failed.${partly ? ' The services that need no build were started alone, so that their checks are still graded.' : ''}`,
      expected: 'docker compose up --build starts db and api',
      buildFix: 'The api image did not build: run docker compose build api and read the first error.',
      fix: 'Run docker compose up in your submission folder and read the first error.',
    },
    noContainer: {
      message: (service: string) => `Compose created no container for "${service}".`,
      expected: (service: string) => `a running ${service} container`,
      seen: 'none',
    },
    stopped: (service: string) => `The ${service} container stopped after compose up.`,
  },
  apiHealth: {
    /** `body` is the expected JSON body, as text. */
    message: (api: string, path: string, body: string) => `The ${api} service did not answer GET ${path} with 200 ${body}.`,
    fix: (port: number) => `Check api/app.py and the CMD of api/Dockerfile (uvicorn app:app --host 0.0.0.0 --port ${port}).`,
    /** Host port `hostPort` is published to another container port than the one the app listens on. */
    otherTarget: {
      message: (api: string, hostPort: number, target: number) =>
        `The ${api} service publishes host port ${hostPort} to container port ${target}, where nothing answers: curl localhost:${hostPort} reaches nothing.`,
      expected: (hostPort: number, port: number) => `"${hostPort}:${port}": host port ${hostPort} to container port ${port}, where uvicorn listens`,
      seen: (hostPort: number, target: number, error: string) => `"${hostPort}:${target}": ${error}`,
      fix: (hostPort: number, port: number) => `In ports:, the second number is the port inside the container, the one uvicorn listens on (--port ${port}): write "${hostPort}:${port}".`,
    },
  },
  down: {
    suite: 'Exercise 5 — docker compose down',
    message: 'docker compose down left parts of the project behind.',
    expected: 'no container and no network of the project',
    seen: (containers: readonly string[], networks: readonly string[]) =>
      [...containers.map((c) => `container ${c}`), ...networks.map((n) => `network ${n}`)].join(', '),
    fix: 'docker compose down removes what Compose created, not external networks or containers started by hand: let Compose create the project network (no external: true).',
  },
}
