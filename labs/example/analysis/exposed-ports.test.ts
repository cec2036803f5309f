import { describe, expect, it } from 'vitest'
import { exposedPorts } from './exposed-ports.js'

describe('exposedPorts', () => {
  it('reads every port of every EXPOSE, with or without /tcp, in any case', () => {
    expect(exposedPorts('FROM alpine\nEXPOSE 8080\nexpose 9000/tcp 9001/TCP\n')).toEqual([8080, 9000, 9001])
  })

  it('leaves out UDP ports and ports given by a variable', () => {
    expect(exposedPorts('FROM alpine\nARG PORT=8080\nEXPOSE $PORT 53/udp\n')).toEqual([])
  })

  it('reads the final stage only: an earlier stage exposes nothing of the image', () => {
    expect(exposedPorts('FROM alpine AS build\nEXPOSE 3000\nFROM alpine\nEXPOSE 8080\n')).toEqual([8080])
    expect(exposedPorts('FROM alpine AS build\nEXPOSE 3000\nFROM alpine\n')).toEqual([])
  })

  it('finds nothing in a Dockerfile without EXPOSE, or in an empty one', () => {
    expect(exposedPorts('FROM alpine\nCMD ["httpd", "-f"]\n')).toEqual([])
    expect(exposedPorts('')).toEqual([])
  })
})
