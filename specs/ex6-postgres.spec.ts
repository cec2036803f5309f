import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { BlockedError, SubmissionError } from '../grading/errors.js'
import { eventually } from '../lab/eventually.js'
import { explainPgError, isServerAnswer, queryPostgres, type PgFacts, type PgTarget } from '../lab/postgres-probe.js'
import { session } from '../lab/session.js'
import { rubric } from '../rubric/index.js'

const { expected, timeouts } = rubric
const { db, api } = expected.services
const credentials = expected.db

/** Connects to the db service, retrying while PostgreSQL is still starting; a refusal by the server is final. */
async function connect(login: Omit<PgTarget, 'host' | 'port'>): Promise<{ ok: true; facts: PgFacts } | { ok: false; error: unknown; target: PgTarget }> {
  const stack = await session().settledStack()
  if (!(await stack.service(db))?.running) throw new BlockedError(`Not run: the ${db} container is not running (see ex5.up).`, 'ex5.up')
  const target = { ...(await stack.endpoint(db, expected.dbPort)), ...login }
  let refused: unknown
  const result = await eventually(async () => {
    try {
      return await queryPostgres(target, timeouts.probeSeconds * 1000)
    } catch (error) {
      if (isServerAnswer(error)) refused = error
      throw error
    }
  }, { timeoutMs: timeouts.startSeconds * 1000, giveUp: async () => (refused ? 'refused' : undefined) })
  return result.ok ? { ok: true, facts: result.value } : { ok: false, error: result.lastError, target }
}

/** The login the student declared, to read the server's facts even when it is not demo/demo/demo. */
async function declaredLogin(): Promise<Omit<PgTarget, 'host' | 'port'>> {
  const env = (await session().requireComposeConfig()).services[db]?.environment ?? {}
  const user = env.POSTGRES_USER ?? 'postgres'
  return { user, password: env.POSTGRES_PASSWORD ?? '', database: env.POSTGRES_DB ?? user }
}

async function serverFacts(): Promise<PgFacts> {
  const expectedLogin = await connect(credentials)
  if (expectedLogin.ok) return expectedLogin.facts
  const declared = await connect(await declaredLogin())
  if (declared.ok) return declared.facts
  throw new BlockedError('Not run: no login to PostgreSQL succeeded (see ex6.connect).', 'ex6.connect')
}

describe('Exercise 6 — PostgreSQL in a container', () => {
  check('ex6.credentials', async () => {
    const env = (await session().requireComposeConfig()).services[db]?.environment ?? {}
    const wanted = { POSTGRES_USER: credentials.user, POSTGRES_PASSWORD: credentials.password, POSTGRES_DB: credentials.database }
    const wrong = Object.entries(wanted).filter(([name, value]) => env[name] !== value)
    if (wrong.length)
      throw new SubmissionError(`db.environment does not set ${wrong.map(([n]) => n).join(', ')} as the lab asks.`, {
        expected: Object.entries(wanted).map(([n, v]) => `${n}: ${v}`).join(', '),
        seen: wrong.map(([n]) => `${n}: ${env[n] ?? '(not set)'}`).join(', '),
        fix: `Under ${db}: → environment:, set ${Object.entries(wanted).map(([n, v]) => `${n}: ${v}`).join(', ')}. Without POSTGRES_PASSWORD, PostgreSQL refuses to start.`,
      })
  })

  check('ex6.connect', async () => {
    const result = await connect(credentials)
    if (!result.ok) {
      const { seen, fix } = explainPgError(result.error, result.target)
      throw new SubmissionError(`Could not log into PostgreSQL as ${credentials.user}/${credentials.password}, database ${credentials.database}.`, {
        expected: `a login as ${credentials.user} with password ${credentials.password} to database ${credentials.database}`,
        seen, fix, log: await (await session().requireStack()).logTail(db),
      })
    }
  })

  check('ex6.version', async (c) => {
    const facts = await serverFacts()
    c.fact('serverVersion', facts.serverVersion)
    const major = Math.floor(facts.serverVersionNum / 10_000)
    if (major !== expected.postgresMajor)
      throw new SubmissionError(`The PostgreSQL server is version ${facts.serverVersion}.`, {
        expected: `PostgreSQL ${expected.postgresMajor}`,
        seen: facts.serverVersion,
        fix: `Use image: postgres:${expected.postgresMajor} for the ${db} service.`,
      })
  })

  check('ex6.database', async () => {
    const facts = await serverFacts()
    if (facts.currentDatabase !== credentials.database || facts.currentUser !== credentials.user)
      throw new SubmissionError(`current_database() is ${facts.currentDatabase} and current_user is ${facts.currentUser}.`, {
        expected: `current_database() = ${credentials.database}, current_user = ${credentials.user}`,
        seen: `${facts.currentDatabase}, ${facts.currentUser}`,
        fix: `Set POSTGRES_DB: ${credentials.database} and POSTGRES_USER: ${credentials.user} under ${db}.environment.`,
      })
  })

  check('ex6.psql-exec', async () => {
    const stack = await session().settledStack()
    if (!(await stack.service(db))?.running) throw new BlockedError(`Not run: the ${db} container is not running (see ex5.up).`, 'ex5.up')
    const command = ['psql', '-U', credentials.user, '-d', credentials.database, '-tAc', 'SELECT 1']
    const result = await stack.exec(db, command)
    if (result.exitCode !== 0 || result.stdout.trim() !== '1')
      throw new SubmissionError(`docker compose exec ${db} ${command.slice(0, 5).join(' ')} did not answer the query.`, {
        expected: 'psql connects and prints 1',
        seen: `exit code ${result.exitCode}: ${(result.stderr || result.stdout).trim().slice(0, 300)}`,
        fix: `The role and the database named in the command must exist: POSTGRES_USER: ${credentials.user} and POSTGRES_DB: ${credentials.database}.`,
      })
  })

  check('ex6.service-dns', async () => {
    const stack = await session().settledStack()
    for (const service of [api, db])
      if (!(await stack.service(service))?.running) throw new BlockedError(`Not run: the ${service} container is not running (see ex5.up).`, 'ex5.up')
    const probe = `import socket; socket.create_connection(("${db}", ${expected.dbPort}), 5).close(); print("ok")`
    const result = await stack.exec(api, ['python', '-c', probe])
    if (result.exitCode !== 0)
      throw new SubmissionError(`From inside ${api}, ${db}:${expected.dbPort} did not accept a TCP connection.`, {
        expected: `${db}:${expected.dbPort} reachable by its service name on the project network`,
        seen: (result.stderr || result.stdout).trim().split('\n').pop() ?? `exit code ${result.exitCode}`,
        fix: `Both services must be in the same Compose file (same default network); inside ${api}, the database is "${db}", port ${expected.dbPort}, not localhost.`,
      })
  })
})
