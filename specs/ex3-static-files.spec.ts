import path from 'node:path'
import { DockerfileParser } from 'dockerfile-ast'
import { describe } from 'vitest'
import { checkDockerfile } from '../analysis/dockerfile-rules.js'
import { checkHealthRoute } from '../analysis/health-route.js'
import { shownFolder } from '../analysis/lab-layout.js'
import { check } from '../grading/check.js'
import { fail, type Finding } from '../grading/finding.js'
import { session } from '../lab/session.js'
import { readSubmissionFile } from '../lab/submission.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const { expected } = rubric
const t = messages.ex3

/** A file of exercise 3, read from where the lab keeps it; `missing`: the finding, from the folders looked in. */
function requireFile(file: string | undefined, missing: (folders: string[]) => Finding): { file: string; text: string } {
  const layout = session().requireLab()
  const text = file === undefined ? undefined : readSubmissionFile(session().workDir(), file)
  if (file === undefined || text === undefined) throw fail(missing(layout.searched.imageFolders.map(shownFolder)))
  return { file, text }
}

describe(t.staticSuite, () => {
  check('ex3.health-route', async () => {
    const app = requireFile(session().layout().appFile, (folders) => t.missingApp(expected.appFile, folders))
    const route = await checkHealthRoute(app.text, {
      path: expected.healthPath, body: expected.healthBody, fileName: app.file, appModule: expected.appModule,
    })
    if (!route.ok) throw fail(route.finding, { location: { file: app.file, ...(route.line ? { line: route.line } : {}) } })
  })

  check('ex3.dockerfile', (c) => {
    const dockerfile = requireFile(session().layout().image?.dockerfile, (folders) => t.missingDockerfile(folders, expected.appFile))
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

  check('ex3.cmd-once', () => {
    const dockerfile = requireFile(session().layout().image?.dockerfile, (folders) => t.missingDockerfile(folders, expected.appFile))
    const instructions = DockerfileParser.parse(dockerfile.text).getInstructions()
    // The final stage's: a build stage's CMD is not the image's.
    const finalStage = instructions.slice(instructions.map((i) => i.getKeyword()).lastIndexOf('FROM') + 1)
    const lines = finalStage.filter((i) => i.getKeyword() === 'CMD').map((i) => i.getRange().start.line + 1)
    if (lines.length > 1) throw fail(t.cmdTwice(dockerfile.file, lines), { location: { file: dockerfile.file, line: lines[0]! } })
  })
})
