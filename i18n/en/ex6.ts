/** Messages of ex6. */
export const ex6 = {
  suite: 'Exercise 6 — PostgreSQL in a container',
  noLogin: 'Not run: no login to PostgreSQL succeeded (see ex6.connect).',
  credentials: {
    message: (names: readonly string[]) => `db.environment does not set ${names.join(', ')} as the lab asks.`,
    /** Shown as the value of a variable that db.environment does not set. */
    notSet: '(not set)',
    /** `settings`: the expected variables, as "NAME: value". */
    fix: (db: string, settings: readonly string[]) =>
      `Under ${db}: → environment:, set ${settings.join(', ')}. Without POSTGRES_PASSWORD, PostgreSQL refuses to start.`,
  },
  connect: {
    message: (user: string, password: string, database: string) => `Could not log into PostgreSQL as ${user}/${password}, database ${database}.`,
    expected: (user: string, password: string, database: string) => `a login as ${user} with password ${password} to database ${database}`,
  },
  version: {
    message: (version: string) => `The PostgreSQL server is version ${version}.`,
    fix: (major: number, db: string) => `Use image: postgres:${major} for the ${db} service.`,
  },
  database: {
    message: (database: string, user: string) => `current_database() is ${database} and current_user is ${user}.`,
    fix: (database: string, user: string, db: string) => `Set POSTGRES_DB: ${database} and POSTGRES_USER: ${user} under ${db}.environment.`,
  },
  psqlExec: {
    message: (db: string, command: string) => `docker compose exec ${db} ${command} did not answer the query.`,
    expected: 'psql connects and prints 1',
    seen: (exitCode: number, output: string) => `exit code ${exitCode}: ${output}`,
    fix: (user: string, database: string) => `The role and the database named in the command must exist: POSTGRES_USER: ${user} and POSTGRES_DB: ${database}.`,
  },
  serviceDns: {
    message: (api: string, db: string, port: number) => `From inside ${api}, ${db}:${port} did not accept a TCP connection.`,
    expected: (db: string, port: number) => `${db}:${port} reachable by its service name on the project network`,
    exitCode: (exitCode: number) => `exit code ${exitCode}`,
    fix: (api: string, db: string, port: number) =>
      `Both services must be in the same Compose file (same default network); inside ${api}, the database is "${db}", port ${port}, not localhost.`,
  },
}
