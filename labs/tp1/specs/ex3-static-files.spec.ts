import path from 'node:path'
import { describe } from 'vitest'
import { checkDockerfile, finalStageCmdLines } from '../analysis/dockerfile-rules.js'
import { checkHealthRoute } from '../analysis/health-route.js'
import { shownFolder } from '../../../core/analysis/lab-layout.js'
import { check } from './lab.js'
import { fail, type Finding } from '../../../core/grading/finding.js'
import type { GradingSession } from '../session.js'
import { readSubmissionFile } from '../../../core/analysis/submission-files.js'

/** A file of exercise 3, read from where the lab keeps it; `missing`: the finding, from the folders looked in. */
function requireFile(lab: GradingSession, file: string | undefined, missing: (folders: string[]) => Finding): { file: string; text: string } {
  const layout = lab.requireLab()
  const text = file === undefined ? undefined : readSubmissionFile(lab.workDir(), file)
  if (file === undefined || text === undefined) throw fail(missing(layout.searched.imageFolders.map(shownFolder)))
  return { file, text }
}

describe('exercise 3: the files', () => {
  check('ex3.health-route', async (_c, { lab, run: { rubric: { expected }, messages } }) => {
    const app = requireFile(lab, lab.layout().appFile, (folders) => messages.ex3.missingApp(expected.appFile, folders))
    const route = await checkHealthRoute(app.text, {
      path: expected.healthPath, body: expected.healthBody, fileName: app.file, appModule: expected.appModule, words: messages.healthRoute,
    })
    if (!route.ok) throw fail(route.finding, { location: { file: app.file, ...(route.line ? { line: route.line } : {}) } })
  })

  check('ex3.dockerfile', (c, { lab, run: { rubric: { expected, timeouts }, messages } }) => {
    const dockerfile = requireFile(lab, lab.layout().image?.dockerfile, (folders) => messages.ex3.missingDockerfile(folders, expected.appFile))
    const requirementsFile = path.posix.join(path.posix.dirname(dockerfile.file), 'requirements.txt')
    const requirements = readSubmissionFile(lab.workDir(), requirementsFile)
    const items = checkDockerfile(dockerfile.text, {
      baseImage: expected.baseImage,
      ...(expected.workdir ? { workdir: expected.workdir } : {}),
      appFile: expected.appFile,
      pipPackages: expected.pipPackages,
      appModule: expected.appModule,
      host: expected.apiHost,
      port: expected.apiPort,
      stopGraceSeconds: timeouts.stopGraceSeconds,
    }, messages.dockerfile, requirements === undefined ? {} : { 'requirements.txt': requirements })
    for (const item of items) {
      const location = { file: dockerfile.file, ...(item.line ? { line: item.line } : {}) }
      c.item(item.id, item.passed, item.feedback && { ...item.feedback, location })
    }
  })

  check('ex3.cmd-once', (_c, { lab, run: { rubric: { expected }, messages } }) => {
    const dockerfile = requireFile(lab, lab.layout().image?.dockerfile, (folders) => messages.ex3.missingDockerfile(folders, expected.appFile))
    const lines = finalStageCmdLines(dockerfile.text)
    if (lines.length > 1) throw fail(messages.ex3.cmdTwice(dockerfile.file, lines), { location: { file: dockerfile.file, line: lines[0]! } })
  })
})
