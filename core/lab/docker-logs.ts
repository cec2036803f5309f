/**
 * Docker multiplexes stdout and stderr of a container without a TTY into frames: 8-byte header
 * (stream type, 3 zero bytes, big-endian length) then the payload. A buffer that does not start with a
 * valid header is raw (TTY) output.
 */
export function demuxDockerLogs(buffer: Buffer): { stdout: string; stderr: string; combined: string } {
  const out: Buffer[] = []
  const err: Buffer[] = []
  const all: Buffer[] = []
  let offset = 0
  while (offset + 8 <= buffer.length) {
    const type = buffer[offset]
    const valid = (type === 0 || type === 1 || type === 2) && buffer[offset + 1] === 0 && buffer[offset + 2] === 0 && buffer[offset + 3] === 0
    if (!valid) break
    const size = buffer.readUInt32BE(offset + 4)
    const payload = buffer.subarray(offset + 8, offset + 8 + size)
    ;(type === 2 ? err : out).push(payload)
    all.push(payload)
    offset += 8 + size
  }
  if (offset === 0 && buffer.length > 0) {
    const text = buffer.toString('utf8')
    return { stdout: text, stderr: '', combined: text }
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), combined: Buffer.concat(all).toString('utf8') }
}

/** The last lines of a text, for feedback: enough to see an error, never the whole flood. */
export function tail(text: string, lines = 20, maxChars = 4000): string {
  const kept = text.replace(/\r\n/g, '\n').trimEnd().split('\n').slice(-lines).join('\n')
  return kept.length > maxChars ? `…${kept.slice(-maxChars)}` : kept
}
