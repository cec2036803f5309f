import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { projectRoot } from './fixtures.js'

const run = promisify(execFile)

/**
 * Makes an image a fixture needs available: already there, or pulled, or, on machines that reach no registry,
 * built from the Dockerfile the fixture names (on top of the offline stand-ins).
 */
export async function ensureImage(tag: string, dockerfileDir: string): Promise<void> {
  if (await run('docker', ['image', 'inspect', tag]).then(() => true, () => false)) return
  if (await run('docker', ['pull', '-q', tag]).then(() => true, () => false)) return
  try {
    await run('docker', ['build', '-q', '-t', tag, path.join(projectRoot, dockerfileDir)], { maxBuffer: 16 * 1024 * 1024 })
  } catch (error) {
    throw new Error(`The image ${tag} is needed by a fixture: it is not on this machine, cannot be pulled, and could not be built from ${dockerfileDir}: ${(error as { stderr?: string }).stderr ?? error}`)
  }
}
