import { describe } from 'vitest'
import { shownFolder } from '../analysis/lab-layout.js'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { tail } from '../lab/docker-logs.js'
import { imageProbes } from '../lab/image-probes.js'
import { session } from '../lab/session.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const { expected } = rubric
const t = messages.ex3

/** Likely fixes for the build errors beginners meet most. */
function buildHint(error: string): string {
  if (/No matching distribution|Could not find a version/.test(error)) return t.buildHint.pipPackage
  if (/COPY failed|no such file or directory|not found/.test(error)) return t.buildHint.copyContext
  if (/pull access denied|manifest unknown|not found: manifest/.test(error)) return t.buildHint.baseImage(expected.baseImage.example)
  if (/unknown instruction/i.test(error)) return t.buildHint.unknownInstruction
  return t.buildHint.generic
}

describe(t.imageSuite, () => {
  check('ex3.build', async (c) => {
    const layout = session().requireLab()
    if (!layout.image) {
      const folders = layout.searched.imageFolders.map(shownFolder)
      throw new SubmissionError(t.missingFile.message('Dockerfile', folders), {
        expected: t.missingFile.expected('Dockerfile', folders), seen: t.missingFile.seen, fix: t.missingFile.dockerfileFix(folders.at(-1)!),
      })
    }
    const build = await session().image()
    c.fact('durationMs', build.durationMs)
    if (build.ok) return
    if (build.timedOut)
      throw new SubmissionError(t.build.timedOut.message(rubric.timeouts.buildSeconds), {
        expected: t.build.timedOut.expected(rubric.timeouts.buildSeconds),
        seen: t.build.timedOut.seen(build.failingStep),
        fix: t.build.timedOut.fix,
        log: build.log,
      })
    throw new SubmissionError(t.build.failed.message(build.failingStep), {
      expected: t.build.failed.expected,
      seen: build.error ?? t.build.failed.seen,
      fix: buildHint(build.error ?? ''),
      log: build.log,
    })
  })

  check('ex3.image', async (c) => {
    const image = await session().requireImage()
    const engine = await session().engine()
    const config = await engine.imageConfig(image)
    const result = await session().runInImage(imageProbes.contents)
    const line = result.output.trim().split('\n').pop() ?? ''
    let seen: { python: string; app: boolean; modules: Record<string, string> }
    try {
      seen = JSON.parse(line)
    } catch {
      throw new SubmissionError(t.image.noPython.message, {
        expected: t.image.noPython.expected(expected.baseImage.pythonMajor),
        seen: result.startError ?? (tail(result.output, 5) || t.image.noPython.seen(result.exitCode)),
        fix: t.image.noPython.fix(expected.baseImage.example),
      })
    }
    c.fact('python', seen.python)
    const problems: string[] = []
    const fixes: string[] = []
    const workdir = config.workingDir || '/'
    if (expected.workdir && workdir !== expected.workdir) {
      problems.push(t.image.workdir(workdir))
      fixes.push(t.image.workdirFix(expected.workdir))
    }
    if (!seen.app) {
      problems.push(t.image.appMissing(expected.appFile, workdir))
      fixes.push(t.image.appFix(expected.appFile))
    }
    if (!seen.python.startsWith(`${expected.baseImage.pythonMajor}.`)) {
      problems.push(t.image.python(seen.python))
      fixes.push(t.image.pythonFix(expected.baseImage.example))
    }
    const missing = Object.entries(seen.modules).filter(([, status]) => status !== 'ok')
    if (missing.length) {
      problems.push(t.image.cannotImport(missing.map(([m, why]) => `${m} (${why})`)))
      fixes.push(t.image.pipFix(expected.pipPackages.join(' ')))
    }
    if (problems.length)
      throw new SubmissionError(t.image.wrong.message(problems), {
        expected: t.image.wrong.expected(expected.workdir, expected.appFile, expected.baseImage.pythonMajor, expected.pipPackages),
        seen: t.image.wrong.seen(problems),
        fix: t.image.wrong.fix(fixes),
      })
  })
})
