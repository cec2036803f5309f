import { describe } from 'vitest'
import { shownFolder } from '../../../core/analysis/lab-layout.js'
import { check } from './lab.js'
import { fail } from '../../../core/grading/finding.js'
import type { ImageProblem } from '../i18n/en/ex3.js'
import { tail } from '../../../core/lab/docker-logs.js'
import { imageProbes } from '../image-probes.js'
import type { Tp1Run as Run } from '../session.js'

/** Likely fixes for the build errors beginners meet most. */
function buildHint(error: string, { rubric: { expected }, messages: { ex3: t } }: Run): string {
  if (/No matching distribution|Could not find a version/.test(error)) return t.buildHint.pipPackage
  if (/COPY failed|no such file or directory|not found/.test(error)) return t.buildHint.copyContext
  if (/pull access denied|manifest unknown|not found: manifest/.test(error)) return t.buildHint.baseImage(expected.baseImage.example)
  if (/unknown instruction/i.test(error)) return t.buildHint.unknownInstruction
  return t.buildHint.generic
}

describe('exercise 3: the image', () => {
  check('ex3.build', async (c, { lab, run }) => {
    const { expected, timeouts } = run.rubric
    const t = run.messages.ex3
    const layout = lab.requireLab()
    if (!layout.image) throw fail(t.missingDockerfile(layout.searched.imageFolders.map(shownFolder), expected.appFile))
    const build = await lab.image()
    c.fact('durationMs', build.durationMs)
    c.fact('ranSteps', build.ranSteps.join('\n')) // the RUN steps not taken from the cache: what a cold run costs
    if (build.ok) return
    if (build.timedOut) throw fail(t.buildTimedOut(timeouts.buildSeconds, build.failingStep), { log: build.log })
    throw fail(t.buildFailed(build.failingStep, build.error, buildHint(build.error ?? '', run)), { log: build.log })
  })

  check('ex3.image', async (c, { lab, run }) => {
    const { expected } = run.rubric
    const t = run.messages.ex3
    const image = await lab.requireImage()
    const engine = await lab.engine()
    const config = await engine.imageConfig(image)
    const result = await lab.runInImage(imageProbes(expected).contents)
    const line = result.output.trim().split('\n').pop() ?? ''
    let seen: { python: string; app: boolean; modules: Record<string, string> }
    try {
      seen = JSON.parse(line)
    } catch {
      throw fail(t.noPython({ ...result, outputTail: tail(result.output, 5) }, expected.baseImage))
    }
    c.fact('python', seen.python)
    const problems: ImageProblem[] = []
    const workdir = config.workingDir || '/'
    if (expected.workdir && workdir !== expected.workdir) problems.push(t.image.workdir(workdir, expected.workdir))
    if (!seen.app) problems.push(t.image.appMissing(expected.appFile, workdir))
    const wantedPython = seen.python.startsWith(`${expected.baseImage.pythonMajor}.`)
    if (!wantedPython) problems.push(t.image.python(seen.python, expected.baseImage))
    const missing = Object.entries(seen.modules).filter(([, status]) => status !== 'ok')
    if (missing.length) problems.push(t.image.cannotImport(missing, expected.pipPackages))
    if (problems.length) throw fail(t.image.wrong(problems, expected))
  })
})
