import { EXEC_TIMEOUT_MS, type ExecResult } from './docker-engine.js'

export interface ListeningSocket {
  address: string
  port: number
}

/** What the grader runs in a container to read its socket table (the kernel's: the image only provides cat). */
export const SOCKET_TABLE_COMMAND = ['cat', '/proc/net/tcp', '/proc/net/tcp6']

/** The same table read by the image's Python, for an image without cat (a distroless one): the lab's images run Python. */
const SOCKET_TABLE_PYTHON = ['python3', '-c', [
  'import sys',
  "for name in ('/proc/net/tcp', '/proc/net/tcp6'):",
  '    try:',
  '        sys.stdout.write(open(name).read())',
  '    except OSError:',
  '        pass',
].join('\n')]

/** How reading the socket table went wrong: cat did not end, or failed (its first line of output). */
export type SocketTableFailure = { timedOutSeconds: number } | { exitCode: number; output: string }

export type SocketTable = { ok: true; sockets: ListeningSocket[] } | { ok: false; failure: SocketTableFailure }

const failureOf = ({ timedOut, exitCode, stdout, stderr }: ExecResult): SocketTableFailure =>
  timedOut ? { timedOutSeconds: EXEC_TIMEOUT_MS / 1000 } : { exitCode, output: (stderr || stdout).trim().split('\n')[0]!.slice(0, 200) }

/** Docker could not start the command: the image has no such program (126 or 127, and the runtime's error as output). */
const notFound = (result: ExecResult) =>
  !result.timedOut && (result.exitCode === 126 || result.exitCode === 127) && /executable file not found|no such file or directory/i.test(result.stdout + result.stderr)

/** cat exits 1 when /proc/net/tcp6 is missing (no IPv6) after printing /proc/net/tcp: what it printed is the table. */
const tableOf = (result: ExecResult): SocketTable =>
  !result.timedOut && !notFound(result) && (result.exitCode === 0 || result.stdout) ? { ok: true, sockets: parseListeningSockets(result.stdout) } : { ok: false, failure: failureOf(result) }

/**
 * The container's socket table, read with `exec` — SOCKET_TABLE_COMMAND, or the image's Python when it has no cat —
 * or why it could not be read: cat did not end (an image whose cat hangs) or failed with nothing printed.
 */
export async function readSocketTable(exec: (cmd: string[]) => Promise<ExecResult>): Promise<SocketTable> {
  const catResult = await exec(SOCKET_TABLE_COMMAND)
  const table = tableOf(catResult)
  if (table.ok || !notFound(catResult)) return table
  const python = tableOf(await exec(SOCKET_TABLE_PYTHON))
  return python.ok ? python : table
}

/** Sockets in LISTEN state (0A) from /proc/net/tcp and /proc/net/tcp6 text: what a server really listens on. */
export function parseListeningSockets(procNetTcp: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = []
  for (const line of procNetTcp.split('\n')) {
    const fields = line.trim().split(/\s+/)
    const local = fields[1]
    if (!local || fields[3] !== '0A' || !local.includes(':')) continue
    const [hexAddress, hexPort] = local.split(':') as [string, string]
    sockets.push({ address: decodeAddress(hexAddress), port: Number.parseInt(hexPort, 16) })
  }
  return sockets
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) return (hex.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)).join('.')
  // IPv6: four little-endian 32-bit words.
  const words = hex.match(/.{8}/g) ?? []
  const bytes = words.flatMap((w) => (w.match(/../g) ?? []).reverse())
  const groups = (bytes.join('').match(/.{4}/g) ?? []).map((g) => Number.parseInt(g, 16).toString(16))
  const text = groups.join(':')
  if (text === '0:0:0:0:0:0:0:0') return '::'
  if (text === '0:0:0:0:0:0:0:1') return '::1'
  if (text.startsWith('0:0:0:0:0:ffff:')) return `::ffff:${groups.slice(6).join(':')}`
  return text
}

/** True when a client from outside the container can reach the port (all interfaces, IPv4 or IPv6). */
export function listensOnAllInterfaces(sockets: ListeningSocket[], port: number): boolean {
  return sockets.some((s) => s.port === port && (s.address === '0.0.0.0' || s.address === '::'))
}
