export interface ListeningSocket {
  address: string
  port: number
}

/** Sockets in LISTEN state (0A) from /proc/net/tcp and /proc/net/tcp6 text: what a server really listens on. */
/** What the grader runs in a container to read its socket table (the kernel's, whatever the image holds but cat). */
export const SOCKET_TABLE_COMMAND = ['cat', '/proc/net/tcp', '/proc/net/tcp6']

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
