import { describe, expect, it } from 'vitest'
import { listensOnAllInterfaces, parseListeningSockets } from './proc-net-tcp.js'

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
