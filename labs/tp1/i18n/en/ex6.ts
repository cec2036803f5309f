import type { Finding } from '../../../../core/grading/finding.js'
import type { PgFailure } from '../../../../core/lab/postgres-probe.js'
import { lab } from '../../../../core/i18n/en/lab.js'

/** A PostgreSQL login: who, with which password, to which database. */
interface Login { user: string; password: string; database: string }

/** Messages of ex6: each failure is one function of what was observed, returning the whole finding. */
export const ex6 = {
  /** db.environment sets these variables otherwise than `wanted` (NAME → value); `set` is what it sets. */
  credentials: (db: string, wanted: Record<string, string>, set: Record<string, string | null | undefined>): Finding => {
    const wrong = Object.keys(wanted).filter((name) => set[name] !== wanted[name])
    const settings = Object.entries(wanted).map(([name, value]) => `${name}: ${value}`)
    return {
      message: `db.environment does not set ${wrong.join(', ')} as the lab asks.`,
      expected: settings.join(', '),
      seen: wrong.map((name) => `${name}: ${set[name] ?? '(not set)'}`).join(', '),
      fix: `Under ${db}: → environment:, set ${settings.join(', ')}. Without POSTGRES_PASSWORD, PostgreSQL refuses to start.`,
    }
  },
  /** `failure`: what the login attempt met (explained by lab.postgres); `db`: the database's Compose service. */
  connect: (login: Login, failure: PgFailure, db: string): Finding => ({
    message: `Could not log into PostgreSQL as ${login.user}/${login.password}, database ${login.database}.`,
    expected: `a login as ${login.user} with password ${login.password} to database ${login.database}`,
    ...lab.postgres(failure, login, db),
  }),
  version: (version: string, major: number, db: string): Finding => ({
    message: `The PostgreSQL server is version ${version}.`,
    expected: `PostgreSQL ${major}`,
    seen: version,
    fix: `Use image: postgres:${major} for the ${db} service.`,
  }),
  database: (seen: { database: string; user: string }, wanted: { database: string; user: string }, db: string): Finding => ({
    message: `current_database() is ${seen.database} and current_user is ${seen.user}.`,
    expected: `current_database() = ${wanted.database}, current_user = ${wanted.user}`,
    seen: `${seen.database}, ${seen.user}`,
    fix: `Set POSTGRES_DB: ${wanted.database} and POSTGRES_USER: ${wanted.user} under ${db}.environment.`,
  }),
  /** `command`: the psql command as typed; `output`: what it printed (stderr first). */
  psqlExec: (db: string, command: string, login: Login, exitCode: number, output: string): Finding => ({
    message: `docker compose exec ${db} ${command} did not answer the query.`,
    expected: 'psql connects and prints 1',
    seen: `exit code ${exitCode}: ${output}`,
    fix: `The role and the database named in the command must exist: POSTGRES_USER: ${login.user} and POSTGRES_DB: ${login.database}.`,
  }),
  /** `error`: the last line the connection attempt printed, if any. */
  serviceDns: (api: string, db: string, port: number, exitCode: number, error: string | undefined): Finding => ({
    message: `From inside ${api}, ${db}:${port} did not accept a TCP connection.`,
    expected: `${db}:${port} reachable by its service name on the project network`,
    seen: error ?? `exit code ${exitCode}`,
    fix: `Both services must be in the same Compose file (same default network); inside ${api}, the database is "${db}", port ${port}, not localhost.`,
  }),
}
