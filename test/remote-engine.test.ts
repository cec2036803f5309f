import { execFile } from 'node:child_process'
import { connect, createServer, type Server } from 'node:net'
import type { AddressInfo } from 'node:net'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lostChecks, referenceDir } from './support/fixtures.js'
import { leftovers, runGrader } from './support/run-grader.js'

const run = promisify(execFile)

/**
 * A remote engine, made on this machine: the grader runs in a network namespace of its own, where `localhost` is the
 * namespace's loopback and reaches nothing, and talks to Docker over TCP (DOCKER_HOST=tcp://…) at the address of the
 * namespace's link to the host — as a student's grader talks to an engine in a VM or on a lab machine. The engine
 * publishes ports on that host, so a probe that assumed `localhost` would find nothing and lose points.
 */
const suffix = String(process.pid % 200 + 20)
const namespace = `tp1-remote-${suffix}`
const hostSide = `tp1r${suffix}h`
const hostAddress = `10.213.${suffix}.1`
const ip = (...args: string[]) => run('ip', args)
const inNamespace = (...command: string[]) => run('ip', ['netns', 'exec', namespace, ...command])

/** Forwards TCP connections on the host's side of the link to the engine's Unix socket, byte for byte. */
function engineOverTcp(socketPath: string): Promise<Server> {
  const server = createServer((client) => {
    const engine = connect(socketPath)
    client.pipe(engine).pipe(client)
    const close = () => { client.destroy(); engine.destroy() }
    client.on('error', close)
    engine.on('error', close)
  })
  return new Promise((resolve) => server.listen(0, hostAddress, () => resolve(server)))
}

/** From inside the namespace: whether a TCP connection to host:port opens. */
async function opens(host: string, port: number): Promise<boolean> {
  const probe = `require('net').connect(${port}, '${host}').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`
  return inNamespace(process.execPath, '-e', probe).then(() => true, () => false)
}

describe('a remote engine (DOCKER_HOST=tcp://…, its published ports not on localhost)', () => {
  let server: Server | undefined
  let dockerHost = ''
  beforeAll(async () => {
    await ip('netns', 'add', namespace)
    await ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', `tp1r${suffix}n`)
    await ip('link', 'set', `tp1r${suffix}n`, 'netns', namespace)
    await ip('addr', 'add', `${hostAddress}/30`, 'dev', hostSide)
    await ip('link', 'set', hostSide, 'up')
    await inNamespace('ip', 'addr', 'add', `10.213.${suffix}.2/30`, 'dev', `tp1r${suffix}n`)
    await inNamespace('ip', 'link', 'set', `tp1r${suffix}n`, 'up')
    await inNamespace('ip', 'link', 'set', 'lo', 'up')
    const socket = /^unix:\/\//.test(process.env.DOCKER_HOST ?? '') ? process.env.DOCKER_HOST!.slice('unix://'.length) : '/var/run/docker.sock'
    server = await engineOverTcp(socket)
    dockerHost = `tcp://${hostAddress}:${(server.address() as AddressInfo).port}`
  }, 60_000)
  afterAll(async () => {
    server?.close()
    await ip('netns', 'del', namespace).catch(() => undefined)
  })

  it("is the only way out of the grader's namespace: the engine's address opens, localhost does not", async () => {
    const { port } = server!.address() as AddressInfo
    expect(await opens(hostAddress, port)).toBe(true)
    expect(await opens('127.0.0.1', port)).toBe(false)
  })

  it('grades the course-layout reference the same through it: 100/100, exit 0, every probe on the engine\'s host, nothing left behind', async () => {
    const graded = await runGrader(referenceDir('course-layout'), { DOCKER_HOST: dockerHost, GRADER_LANG: 'en' }, ['ip', 'netns', 'exec', namespace])
    expect(lostChecks(graded.grade), graded.output.slice(-3000)).toEqual({})
    expect([graded.grade.status, graded.grade.score, graded.exitCode]).toEqual(['graded', 100, 0])
    expect(await leftovers(graded.runId)).toEqual([])
  })
})
