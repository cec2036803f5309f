import { describe } from 'vitest'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { tail } from '../lab/docker-logs.js'
import { imageProbes } from '../lab/image-probes.js'
import { session } from '../lab/session.js'
import { rubric } from '../rubric/index.js'

const { expected } = rubric

/** Likely fixes for the build errors beginners meet most. */
function buildHint(error: string): string {
  if (/No matching distribution|Could not find a version/.test(error)) return 'pip could not find a package: check the spelling of the package names in RUN pip install.'
  if (/COPY failed|no such file or directory|not found/.test(error)) return 'A file named in COPY is not in the build context: paths in COPY are relative to the folder you build (the one holding the Dockerfile).'
  if (/pull access denied|manifest unknown|not found: manifest/.test(error)) return `The base image does not exist: use FROM ${expected.pythonImage}.`
  if (/unknown instruction/i.test(error)) return 'A line of the Dockerfile starts with an unknown instruction: check its spelling (FROM, WORKDIR, COPY, RUN, CMD).'
  return 'Run `docker build .` in your submission folder and read the first error.'
}

describe('Exercise 3 — build the image', () => {
  check('ex3.build', async (c) => {
    const build = await session().image()
    c.fact('durationMs', build.durationMs)
    if (build.ok) return
    if (build.timedOut)
      throw new SubmissionError(`The build timed out after ${rubric.timeouts.buildSeconds} s.`, {
        expected: `docker build finishes within ${rubric.timeouts.buildSeconds} s`,
        seen: build.failingStep ? `still running ${build.failingStep}` : 'still running',
        fix: 'A RUN step must end: start the server with CMD (at container start), never with RUN (during the build).',
        log: build.log,
      })
    throw new SubmissionError(`The image did not build${build.failingStep ? ` at "${build.failingStep}"` : ''}.`, {
      expected: 'docker build succeeds',
      seen: build.error ?? 'the build ended without an image',
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
      throw new SubmissionError('python could not run inside the image.', {
        expected: `python ${expected.pythonVersion} on the PATH of the image`,
        seen: tail(result.output, 5) || `exit code ${result.exitCode}`,
        fix: `Start from FROM ${expected.pythonImage}.`,
      })
    }
    c.fact('python', seen.python)
    const problems: string[] = []
    const fixes: string[] = []
    if (config.workingDir !== expected.workdir) {
      problems.push(`working directory is "${config.workingDir || '/'}"`)
      fixes.push(`add WORKDIR ${expected.workdir} before COPY`)
    }
    if (!seen.app) {
      problems.push(`${expected.workdir}/${expected.appFile} is missing`)
      fixes.push(`copy the app into the image: COPY ${expected.appFile} .`)
    }
    if (!seen.python.startsWith(`${expected.pythonVersion}.`)) {
      problems.push(`python is ${seen.python}`)
      fixes.push(`use FROM ${expected.pythonImage}`)
    }
    const missing = Object.entries(seen.modules).filter(([, status]) => status !== 'ok')
    if (missing.length) {
      problems.push(`cannot import ${missing.map(([m, why]) => `${m} (${why})`).join(', ')}`)
      fixes.push(`install them in the image: RUN pip install ${expected.pipPackages.join(' ')}`)
    }
    if (problems.length)
      throw new SubmissionError(`The image is not what the lab asks for: ${problems.join('; ')}.`, {
        expected: `working directory ${expected.workdir}, ${expected.workdir}/${expected.appFile}, Python ${expected.pythonVersion}.x, ${expected.pipPackages.join(' and ')} importable`,
        seen: problems.join('; '),
        fix: `${fixes.join('; ')}.`,
      })
  })
})
