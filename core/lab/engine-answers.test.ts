import { describe, expect, it } from 'vitest'
import { saysNotRunning } from './engine-answers.js'

// As dockerode rejects: the HTTP status, its message, and the engine's JSON body.
const answer = (statusCode: number, message: string, cause?: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json: { message, ...(cause ? { cause } : {}) } })

describe('saysNotRunning', () => {
  it("reads Docker Engine's answers for a container that has already stopped: 304 to stop, 409 to kill", () => {
    expect(saysNotRunning(answer(304, 'container already stopped'))).toBe(true)
    expect(saysNotRunning(answer(409, 'Container 29bb69056f43 is not running'))).toBe(true)
  })

  it("reads Podman's: 500, container state improper", () => {
    const podman = answer(500, 'can only kill running containers. 29bb69056f43df3d is in state exited: container state improper', 'container state improper')
    expect(saysNotRunning(podman)).toBe(true)
  })

  it('keeps every other failure a failure: the engine gone, a container that is not there, a 500 for another reason', () => {
    expect(saysNotRunning(answer(404, 'No such container: 29bb69056f43'))).toBe(false)
    expect(saysNotRunning(answer(500, 'runc: runc create failed: unable to start container process'))).toBe(false)
    expect(saysNotRunning(Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' }))).toBe(false)
    expect(saysNotRunning(undefined)).toBe(false)
  })
})
