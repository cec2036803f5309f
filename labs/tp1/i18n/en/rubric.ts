import type { Expected } from '../../expected.js'

/** One value when they are all the same ("demo"), else each of them. */
const listed = (values: readonly string[]) => (new Set(values).size === 1 ? values[0]! : `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`)

/** Items of ex3.dockerfile that are Dockerfile instructions, written as the student writes them, in any language. */
export const instructionTitles = (e: Expected) => ({
  from: `FROM ${e.baseImage.repository}:${e.baseImage.pythonMajor}.x`,
  pip: `RUN pip install ${e.pipPackages.join(' ')}`,
})

/**
 * The rubric's titles: what each check and each of its parts is, as the grade sheet lists them. The values the lab
 * expects (images, ports, names) come from the rubric's `expected`, its single source.
 */
export const rubric = {
  title: 'TP1 — Docker: images, containers, Compose',
  checks: (e: Expected) => ({
    'ex1.engine': 'Docker Engine is reachable (engine, Compose and API versions recorded)',
    'ex2.one-shot': 'a one-shot command in the image prints its output and the container exits on its own with code 0',
    'ex2.shared-kernel': 'uname -r in the image shows the Docker host kernel',
    'ex3.health-route': `${e.appFile} declares GET ${e.healthPath} returning ${JSON.stringify(e.healthBody)}`,
    'ex3.dockerfile': 'the Dockerfile has the five instructions the lab asks for',
    'ex3.report-files': 'the files pasted in the report (3.a, 3.b, 5.b) match the submitted ones (advisory)',
    'ex3.build': 'the Dockerfile builds',
    'ex3.image': `the image runs Python ${e.baseImage.pythonMajor}, has ${e.appFile} in its working directory${e.workdir ? ` ${e.workdir}` : ''}, and imports ${e.pipPackages.join(' and ')}`,
    'ex4.health': `the API answers GET ${e.healthPath} with 200 ${JSON.stringify(e.healthBody)} on its published port`,
    'ex4.listen-all': `the server listens on ${e.apiHost}:${e.apiPort} inside the container`,
    'ex4.ps': 'docker ps lists the running container with its port; after docker stop only ps -a lists it, as exited',
    'ex4.graceful-stop': 'docker stop ends the container cleanly: the server handles SIGTERM and exits with code 0, not killed',
    'ex5.compose-valid': 'the Compose file is valid YAML and a valid Compose file',
    'ex5.services': `services ${e.services.db} and ${e.services.api} are declared as the lab asks`,
    'ex5.ports': `${e.services.db} publishes ${e.dbPort}:${e.dbPort} and ${e.services.api} publishes ${e.apiPort}:${e.apiPort}`,
    'ex5.up': `after compose up, ${e.services.db} and ${e.services.api} are running and stay up`,
    'ex5.api-health': `the ${e.services.api} service answers GET ${e.healthPath} with 200 ${JSON.stringify(e.healthBody)}`,
    'ex5.down': 'compose down leaves no container and no network of the project',
    'ex6.credentials': `POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB are ${listed([e.db.user, e.db.password, e.db.database])}`,
    'ex6.connect': `a PostgreSQL client connects to ${e.services.db} as ${e.db.user}/${e.db.password}, database ${e.db.database}`,
    'ex6.version': `the PostgreSQL server is version ${e.postgresMajor}`,
    'ex6.database': `current_database() and current_user are ${listed([e.db.database, e.db.user])}`,
    'ex6.psql-exec': `psql -U ${e.db.user} -d ${e.db.database} inside the ${e.services.db} container answers a query`,
    'ex6.service-dns': `from inside ${e.services.api}, host ${e.services.db} port ${e.dbPort} accepts a TCP connection`,
    'ex7.logs': `the ${e.services.api} logs show uvicorn's startup lines`,
    'ex7.exec': `inside the running ${e.services.api} container: ${e.appFile} in the working directory, Python ${e.baseImage.pythonMajor}`,
    'ex7.restart': `restarting only ${e.services.api} keeps the same container, leaves ${e.services.db} alone, and ${e.healthPath} answers again`,
  }),
  items: (e: Expected) => ({
    'ex3.dockerfile': {
      ...instructionTitles(e),
      workdir: e.workdir ? `WORKDIR ${e.workdir}` : 'WORKDIR sets the working directory',
      copy: `COPY puts ${e.appFile} in the working directory`,
      cmd: `CMD in exec form runs uvicorn ${e.appModule} on ${e.apiHost} port ${e.apiPort}`,
    },
    'ex5.services': {
      'db-image': `${e.services.db} uses postgres:${e.postgresMajor}`,
      'api-build': `${e.services.api} builds from ${e.services.apiBuildContext}, which holds a Dockerfile`,
      'api-depends-on-db': `${e.services.api} depends on ${e.services.db}`,
    },
  }),
}
