import { describe, expect, it } from 'vitest'
import { formatPlatform, parsePlatform, samePlatform, type Platform } from './compose-platform.js'

const amd64 = parsePlatform('linux/amd64')!
const arm64 = parsePlatform('linux/arm64')!
const same = (spec: string, engine: Platform) => {
  const parsed = parsePlatform(spec, engine)
  return parsed !== undefined && samePlatform(parsed, engine)
}

describe('parsePlatform and samePlatform, as Docker compares platforms', () => {
  it('reads the engine’s own os/arch as docker version gives it', () => {
    expect(amd64).toEqual({ os: 'linux', arch: 'amd64', variant: '' })
    expect(formatPlatform(parsePlatform('linux/arm/v7')!)).toBe('linux/arm/v7')
  })

  it('takes every spelling Docker normalises to the engine’s platform', () => {
    for (const spec of ['linux/amd64', 'linux/x86_64', 'Linux/AMD64', 'linux/x86-64', 'linux/amd64/v1', 'amd64', 'x86_64', 'linux']) expect(same(spec, amd64), spec).toBe(true)
    for (const spec of ['linux/arm64', 'linux/arm64/v8', 'linux/aarch64', 'arm64', 'linux/aarch64/v8', 'linux']) expect(same(spec, arm64), spec).toBe(true)
    expect(same('linux/arm', parsePlatform('linux/arm/v7')!)).toBe(true)
    expect(same('linux/armhf', parsePlatform('linux/arm')!)).toBe(true)
  })

  it('tells another platform apart: another architecture, variant or OS', () => {
    for (const spec of ['linux/arm64', 'linux/s390x', 'linux/386', 'linux/amd64/v3', 'windows/amd64', 'arm64', 'darwin', 'linux/arm64/v8']) expect(same(spec, amd64), spec).toBe(false)
    expect(same('linux/arm64/v9', arm64)).toBe(false)
    expect(same('linux/amd64', arm64)).toBe(false)
  })

  it('reads no platform from what Docker cannot parse', () => {
    for (const spec of ['', 'linux/amd64/v1/x', 'linux/*', 'linux amd64', 'nosuchword']) expect(parsePlatform(spec, amd64), spec).toBeUndefined()
  })
})
