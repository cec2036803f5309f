import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { referenceDir } from './support/fixtures.js'
import { gradeClassCliWith } from './support/grade-class-cli.js'

/**
 * An engine reached through DOCKER_HOST (tcp://) that answers Docker's API as a rootless engine without cgroup
 * delegation does: /info says it cannot apply memory or process limits. Only what the tool asks before grading is
 * answered; anything else is a 500, so a tool that started grading on it would fail loudly.
 */
function rootlessEngine(): Promise<{ server: Server; url: string; asked: string[] }> {
  const asked: string[] = []
  const answers: Record<string, unknown> = {
    '/_ping': 'OK',
    '/version': { Version: '27.3.1', ApiVersion: '1.47', Arch: 'amd64', Components: [{ Name: 'Engine', Version: '27.3.1' }] },
    '/info': {
      OperatingSystem: 'Debian GNU/Linux 12 (bookworm)', Architecture: 'x86_64', KernelVersion: '6.1.0', IndexServerAddress: 'https://index.docker.io/v1/',
      SecurityOptions: ['name=seccomp,profile=builtin', 'name=rootless'], MemoryLimit: false, CpuCfsQuota: true, PidsLimit: false,
    },
  }
  const server = createServer((request, response) => {
    const route = (request.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0]!
    asked.push(`${request.method} ${route}`)
    const answer = answers[route]
    if (answer === undefined) {
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `the test's engine does not answer ${route}` }))
      return
    }
    response.writeHead(200, { 'content-type': typeof answer === 'string' ? 'text/plain' : 'application/json' }).end(typeof answer === 'string' ? answer : JSON.stringify(answer))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`, asked })))
}

describe('tp1-grade-class grade --require-limits', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-require-limits-'))
  let engine: Awaited<ReturnType<typeof rootlessEngine>>
  beforeAll(async () => {
    engine = await rootlessEngine()
  })
  afterAll(() => {
    engine?.server.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('refuses an engine that says it cannot apply the limits: exit 1, each limit named, nothing graded or written', async () => {
    const classDir = path.join(root, 'class')
    mkdirSync(classDir)
    const out = path.join(root, 'out')
    cpSync(referenceDir('course-layout'), path.join(classDir, 'ada'), { recursive: true })
    const result = await gradeClassCliWith({ DOCKER_HOST: engine.url }, 'grade', '--submissions', classDir, '--require-limits', '--out', out)
    expect(result.code, result.output).toBe(1)
    expect(result.output).toContain('--require-limits: Docker Engine 27.3.1 (rootless) does not enforce these limits of the rubric: memory, number of processes.')
    expect(result.output).toContain('Nothing was graded.')
    expect(existsSync(path.join(out, 'gradebook.csv'))).toBe(false)
    expect(engine.asked).toContain('GET /info')
    expect(engine.asked.filter((line) => !/ \/(_ping|version|info)$/.test(line))).toEqual([])
  })
})
