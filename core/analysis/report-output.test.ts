import { describe, expect, it } from 'vitest'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { outputOf, pastedOutputEvidence, showsFact, type PastedBlock } from './report-output.js'

const { rubric } = loadRun(labs)
const factsOf = (id: string) => rubric.report.questions[id]!.output!
const code = (text: string, line = 1): PastedBlock => ({ line, text, kind: 'code' })

describe('outputOf', () => {
  it('keeps what a command printed and drops the commands and bare prompts', () => {
    expect(outputOf('$ curl http://localhost:8000/health\n{"status":"ok"}\n$')).toBe('{"status":"ok"}')
    expect(outputOf('student@pc:~/tp1$ docker compose ps\nNAME   IMAGE   SERVICE   STATUS')).toBe('NAME   IMAGE   SERVICE   STATUS')
    expect(outputOf('docker compose up -d\ndocker compose ps')).toBe('')
    expect(outputOf('demo=# SELECT current_database();\n current_database\n demo')).toBe(' current_database\n demo')
  })
})

describe('showsFact', () => {
  it('finds the JSON body anywhere, as curl prints it (no newline before the next prompt)', () => {
    const [health] = factsOf('4.b')
    expect(showsFact('{"status":"ok"}student@pc:~$', health!)).toBe(true)
    expect(showsFact('{\n  "status": "ok"\n}', health!)).toBe(true)
    expect(showsFact('{"status":"error"}', health!)).toBe(false)
    expect(showsFact('status: ok', health!)).toBe(false)
  })

  it('sees both services running in compose ps, compose up -d and Compose v1', () => {
    const [running] = factsOf('5.c')
    expect(showsFact([
      'NAME        IMAGE         COMMAND                  SERVICE   CREATED         STATUS         PORTS',
      'tp1-api-1   tp1-api       "uvicorn app:app --h…"   api       5 seconds ago   Up 4 seconds   0.0.0.0:8000->8000/tcp',
      'tp1-db-1    postgres:16   "docker-entrypoint.s…"   db        5 seconds ago   Up 5 seconds   0.0.0.0:5432->5432/tcp',
    ].join('\n'), running!)).toBe(true)
    expect(showsFact('[+] Running 3/3\n ✔ Network tp1_default  Created\n ✔ Container tp1-db-1   Started\n ✔ Container tp1-api-1  Started', running!)).toBe(true)
    expect(showsFact('Creating tp1_db_1 ... done\nCreating tp1_api_1 ... done', running!)).toBe(true)
    expect(showsFact([
      'db-1   | 2026-01-12 10:00:01.123 UTC [1] LOG:  database system is ready to accept connections',
      'api-1  | INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)',
    ].join('\n'), running!)).toBe(true)
    // The API exited: the stack does not run.
    expect(showsFact('tp1-api-1  api  Exited (1) 3 seconds ago\ntp1-db-1  db  Up 5 seconds', running!)).toBe(false)
  })

  it('reads the server version and the database of a psql session', () => {
    const [version, database] = factsOf('6.b')
    const session = [
      'demo=# SELECT version();', '                      version', '--------------------------------------------------------------',
      ' PostgreSQL 16.11 on x86_64-pc-linux-gnu, compiled by gcc', '(1 row)', '', 'demo=# SELECT current_database();',
      ' current_database ', '------------------', ' demo', '(1 row)',
    ].join('\n')
    expect(showsFact(session, version!)).toBe(true)
    expect(showsFact(session, database!)).toBe(true)
    expect(showsFact(' PostgreSQL 17.2 on x86_64', version!)).toBe(false)
    // The prompt names the database, but is no result of the query.
    expect(showsFact('demo=# SELECT current_database();', database!)).toBe(false)
    expect(showsFact('current_database | demo', database!)).toBe(true)
  })

  it('reads a build that succeeded, with the classic builder or BuildKit', () => {
    const [built] = factsOf('3.c')
    expect(showsFact('Step 5/5 : CMD ["uvicorn"]\nSuccessfully built 1a2b3c4d\nSuccessfully tagged simple-api:latest', built!)).toBe(true)
    expect(showsFact(' => => naming to docker.io/library/simple-api', built!)).toBe(true)
    expect(showsFact('ERROR: failed to solve: process "/bin/sh -c pip install" did not complete', built!)).toBe(false)
  })
})

describe('pastedOutputEvidence', () => {
  it('needs every fact, across the blocks of the section', () => {
    const facts = factsOf('6.b')
    expect(pastedOutputEvidence([code(' PostgreSQL 16.11 on x86_64', 3), code(' current_database\n------------------\n demo', 9)], facts))
      .toEqual({ shown: true, blocks: [code(' PostgreSQL 16.11 on x86_64', 3), code(' current_database\n------------------\n demo', 9)] })
    expect(pastedOutputEvidence([code(' PostgreSQL 16.11 on x86_64')], facts)).toEqual({ shown: false, reason: 'lacks', missing: [facts[1]] })
  })

  it('tells a block of commands alone from no block at all', () => {
    const facts = factsOf('4.b')
    expect(pastedOutputEvidence([], facts)).toEqual({ shown: false, reason: 'none' })
    expect(pastedOutputEvidence([code('curl http://localhost:8000/health')], facts)).toEqual({ shown: false, reason: 'command-only' })
    expect(pastedOutputEvidence([{ line: 4, text: '{"status": "ok"}', kind: 'quote' }], facts)).toMatchObject({ shown: true })
  })
})
