import pg from 'pg'

export interface PgTarget {
  host: string
  port: number
  user: string
  password: string
  database: string
}

export interface PgFacts {
  serverVersionNum: number
  serverVersion: string
  currentDatabase: string
  currentUser: string
}

/** Connects, reads the facts exercise 6 asks about, and disconnects. Throws pg's error (with its SQLSTATE `code`). */
export async function queryPostgres(target: PgTarget, timeoutMs: number): Promise<PgFacts> {
  const client = new pg.Client({ ...target, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs })
  client.on('error', () => {}) // a server that goes away mid-session must not crash the grader
  try {
    await client.connect()
    const { rows } = await client.query<{ n: string; v: string; db: string; usr: string }>(
      "SELECT current_setting('server_version_num') AS n, current_setting('server_version') AS v, current_database() AS db, current_user AS usr",
    )
    const row = rows[0]!
    return { serverVersionNum: Number(row.n), serverVersion: row.v, currentDatabase: row.db, currentUser: row.usr }
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * A PostgreSQL server answered (even to refuse these credentials): it is up. Not 57P03 (cannot_connect_now): "the
 * database system is starting up" comes for a moment after the image's first-start initialisation, and is a wait.
 */
export function isServerAnswer(error: unknown): boolean {
  const code = (error as { code?: string }).code
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && code !== '57P03'
}

/** Why a login failed, from pg's error: its SQLSTATE, as what the student can fix; `message` is pg's own. */
export interface PgFailure {
  kind: 'wrong-password' | 'no-database' | 'no-role' | 'other'
  message: string
}

/** What pg's error says (the catalogue's `lab.postgres` explains it). */
export function pgFailure(error: unknown): PgFailure {
  const e = error as { code?: string; message?: string }
  const message = e.message ?? String(error)
  switch (e.code) {
    case '28P01': return { kind: 'wrong-password', message }
    case '3D000': return { kind: 'no-database', message }
    case '28000': return { kind: 'no-role', message }
    default: return { kind: 'other', message }
  }
}
