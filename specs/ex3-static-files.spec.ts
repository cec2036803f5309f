import path from 'node:path'
import { describe } from 'vitest'
import { checkDockerfile } from '../analysis/dockerfile-rules.js'
import { checkHealthRoute } from '../analysis/health-route.js'
import { shownFolder } from '../analysis/lab-layout.js'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { session } from '../lab/session.js'
import { readSubmissionFile } from '../lab/submission.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const { expected } = rubric
const t = messages.ex3

/** A file of exercise 3, read from where the lab keeps it; missing, the message lists where the grader looked. */
function requireFile(file: string | undefined, name: string, fix: (folder: string) => string): { file: string; text: string } {
  const layout = session().requireLab()
  const text = file === undefined ? undefined : readSubmissionFile(session().workDir(), file)
  if (file === undefined || text === undefined) {
    const folders = layout.searched.imageFolders.map(shownFolder)
    throw new SubmissionError(t.missingFile.message(name, folders), { expected: t.missingFile.expected(name, folders), seen: t.missingFile.seen, fix: fix(folders.at(-1)!) })
  }
  return { file, text }
}

describe(t.staticSuite, () => {
  check('ex3.health-route', async () => {
    const app = requireFile(session().layout().appFile, expected.appFile, (folder) => t.missingFile.appFix(expected.appFile, folder))
    const route = await checkHealthRoute(app.text, { path: expected.healthPath, body: expected.healthBody, fileName: app.file, appObject: expected.appModule.split(':')[1]! })
    if (!route.ok) throw new SubmissionError(route.message, { ...route.feedback, location: { file: app.file, ...(route.line ? { line: route.line } : {}) } })
  })

  check('ex3.dockerfile', (c) => {
    const dockerfile = requireFile(session().layout().image?.dockerfile, 'Dockerfile', t.missingFile.dockerfileFix)
    const requirementsFile = path.posix.join(path.posix.dirname(dockerfile.file), 'requirements.txt')
    const requirements = readSubmissionFile(session().workDir(), requirementsFile)
    const items = checkDockerfile(dockerfile.text, {
      baseImage: expected.baseImage,
      ...(expected.workdir ? { workdir: expected.workdir } : {}),
      appFile: expected.appFile,
      pipPackages: expected.pipPackages,
      appModule: expected.appModule,
      host: expected.apiHost,
      port: expected.apiPort,
      stopGraceSeconds: rubric.timeouts.stopGraceSeconds,
    }, requirements === undefined ? {} : { 'requirements.txt': requirements })
    for (const item of items) {
      const location = { file: dockerfile.file, ...(item.line ? { line: item.line } : {}) }
      c.item(item.id, item.passed, item.feedback && { ...item.feedback, location })
    }
  })
})
