import { describe } from 'vitest'
import { checkDockerfile } from '../analysis/dockerfile-rules.js'
import { findHealthRoute } from '../analysis/health-route.js'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import { session } from '../lab/session.js'
import { readSubmissionFile } from '../lab/submission.js'
import { messages, rubric } from '../rubric/index.js'

const { expected } = rubric
const t = messages.ex3

function requireFile(name: string, fix: string): string {
  const text = readSubmissionFile(session().workDir(), name)
  if (text === undefined) throw new SubmissionError(t.missingFile.message(name), { expected: name, seen: t.missingFile.seen, fix })
  return text
}

describe(t.staticSuite, () => {
  check('ex3.health-route', () => {
    const source = requireFile(expected.appFile, t.missingFile.appFix(expected.appFile))
    const route = findHealthRoute(source, { path: expected.healthPath, body: expected.healthBody, fileName: expected.appFile })
    if (!route.ok) throw new SubmissionError(route.message, { ...route.feedback, location: { file: expected.appFile, ...(route.line ? { line: route.line } : {}) } })
  })

  check('ex3.dockerfile', (c) => {
    const dockerfile = requireFile('Dockerfile', t.missingFile.dockerfileFix)
    const requirements = readSubmissionFile(session().workDir(), 'requirements.txt')
    const items = checkDockerfile(dockerfile, {
      baseImage: expected.pythonImage,
      workdir: expected.workdir,
      appFile: expected.appFile,
      pipPackages: expected.pipPackages,
      appModule: expected.appModule,
      host: expected.apiHost,
      port: expected.apiPort,
    }, requirements === undefined ? {} : { 'requirements.txt': requirements })
    for (const item of items) c.item(item.id, item.passed, item.feedback && { ...item.feedback, location: { file: 'Dockerfile', ...(item.line ? { line: item.line } : {}) } })
  })
})
