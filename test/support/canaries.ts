import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import type { Fixture } from './fixtures.js'

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim()
const imageId = (tag: string) => docker('image', 'inspect', '--format', '{{.Id}}', tag)

/** What a hostile fixture's run must leave alone: files, containers and images of the machine, and a secret that must not leak. */
export interface Canaries {
  /** Variables to add to the grading run's environment. */
  env: Record<string, string>
  /** Each canary as it was, and the secret in none of the outputs (compared without case: a parse error may upper-case it). */
  expectUntouched(outputs: string[]): void
  remove(): void
}

export function plantCanaries(fixture: Fixture): Canaries {
  const secret = `tp1canary${randomBytes(8).toString('hex')}`
  const files = Object.entries(fixture.canaries ?? {}).map(([file, content]) => ({ file, content: content.replaceAll('{secret}', secret) }))
  const created: string[] = []
  for (const { file, content } of files) {
    const folder = mkdirSync(path.dirname(file), { recursive: true })
    if (folder) created.push(folder)
    if (!existsSync(file)) created.push(file)
    writeFileSync(file, content)
  }
  const containers = Object.entries(fixture.canaryContainers ?? {})
  for (const [name, file] of containers)
    docker('run', '-d', '--name', name, 'alpine:latest', 'sh', '-c', `mkdir -p ${path.dirname(file)} && printf %s ${secret} > ${file} && exec sleep 900`)
  const images = new Map((fixture.keepImages ?? []).map((tag) => [tag, imageId(tag)]))
  return {
    env: Object.fromEntries((fixture.canaryEnv ?? []).map((name) => [name, secret])),
    expectUntouched(outputs) {
      for (const { file, content } of files) expect(readFileSync(file, 'utf8'), `${file} must be left as it was`).toBe(content)
      for (const [name, file] of containers) expect(docker('exec', name, 'cat', file), `${file} in the container ${name} must be left as it was`).toBe(secret)
      for (const [tag, id] of images) expect(imageId(tag), `the machine's image ${tag} must not be replaced`).toBe(id)
      for (const output of outputs) expect(output.toLowerCase().includes(secret), 'a secret of the machine in an output of the grader').toBe(false)
    },
    remove() {
      for (const [name] of containers) execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' })
      for (const item of created.reverse()) rmSync(item, { recursive: true, force: true })
    },
  }
}
