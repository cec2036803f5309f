import { describe, expect, it } from 'vitest'
import { EXEC_TIMEOUT_MS, type ExecResult } from './docker-engine.js'
import { listensOnAllInterfaces, parseListeningSockets, readSocketTable } from './proc-net-tcp.js'

const procNetTcp = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0000000000000000 100 0 0 10 0
   2: 0100007F:1F40 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0000000000000000 20 4 30 10 -1
`
const procNetTcp6 = `  sl  local_address                         remote_address                        st
   0: 00000000000000000000000000000000:1538 00000000000000000000000000000000:0000 0A 00000000:00000000
   1: 00000000000000000000000001000000:1F41 00000000000000000000000000000000:0000 0A 00000000:00000000
`

describe('parseListeningSockets', () => {
  it('decodes IPv4 listening sockets and ignores established ones', () => {
    expect(parseListeningSockets(procNetTcp)).toEqual([
      { address: '0.0.0.0', port: 8000 },
      { address: '127.0.0.1', port: 8080 },
    ])
  })

  it('decodes IPv6 any and loopback', () => {
    expect(parseListeningSockets(procNetTcp6)).toEqual([
      { address: '::', port: 5432 },
      { address: '::1', port: 8001 },
    ])
  })
})

describe('listensOnAllInterfaces', () => {
  it('is true for 0.0.0.0 or :: on the port only', () => {
    const sockets = parseListeningSockets(procNetTcp + procNetTcp6)
    expect(listensOnAllInterfaces(sockets, 8000)).toBe(true)
    expect(listensOnAllInterfaces(sockets, 5432)).toBe(true)
    expect(listensOnAllInterfaces(sockets, 8080)).toBe(false)
    expect(listensOnAllInterfaces(sockets, 8001)).toBe(false)
  })
})

describe('readSocketTable', () => {
  const table = `${procNetTcp}${procNetTcp6}`
  const missing = (name: string) => ({ exitCode: 126, stdout: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown\r\n`, stderr: '' })
  const runs = (answers: Record<string, ExecResult>) => {
    const asked: string[] = []
    return { asked, exec: async (cmd: string[]) => (asked.push(cmd[0]!), answers[cmd[0]!]!) }
  }

  it('reads the table with cat, and only cat, when the image has it', async () => {
    const { asked, exec } = runs({ cat: { exitCode: 0, stdout: table, stderr: '' } })
    expect(await readSocketTable(exec)).toEqual({ ok: true, sockets: parseListeningSockets(table) })
    expect(asked).toEqual(['cat'])
  })

  it("takes what cat printed when /proc/net/tcp6 is missing (no IPv6): cat's exit code 1 is not a failure", async () => {
    const { exec } = runs({ cat: { exitCode: 1, stdout: procNetTcp, stderr: 'cat: /proc/net/tcp6: No such file or directory\n' } })
    expect(await readSocketTable(exec)).toEqual({ ok: true, sockets: parseListeningSockets(procNetTcp) })
  })

  it("reads it with the image's Python when the image has no cat (a distroless image), not as an empty table", async () => {
    const { asked, exec } = runs({ cat: missing('cat'), python3: { exitCode: 0, stdout: table, stderr: '' } })
    expect(await readSocketTable(exec)).toEqual({ ok: true, sockets: parseListeningSockets(table) })
    expect(asked).toEqual(['cat', 'python3'])
  })

  it('says why it could not be read: cat did not end (Python is not tried), or neither program is there', async () => {
    const hung = { exitCode: -1, stdout: '', stderr: '', timedOut: true as const }
    const first = runs({ cat: hung })
    expect(await readSocketTable(first.exec)).toEqual({ ok: false, failure: { timedOutSeconds: EXEC_TIMEOUT_MS / 1000 } })
    expect(first.asked).toEqual(['cat'])
    const none = runs({ cat: missing('cat'), python3: missing('python3') })
    expect(await readSocketTable(none.exec)).toEqual({ ok: false, failure: { exitCode: 126, output: missing('cat').stdout.trim() } })
  })
})
