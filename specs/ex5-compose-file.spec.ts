import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe } from 'vitest'
import { parseComposeYaml } from '../analysis/compose-file.js'
import { shownFolder } from '../analysis/lab-layout.js'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import type { ComposeService } from '../lab/compose-config.js'
import { session } from '../lab/session.js'
import { COMPOSE_FILE_NAMES, readSubmissionFile } from '../lab/submission.js'
import { currentRun } from '../rubric/index.js'

const { rubric, messages } = currentRun()

const { expected } = rubric
const t = messages.ex5.file
const { db, api } = expected.services

const isPostgresMajor = (image: string | undefined) =>
  image !== undefined && new RegExp(`^(docker\\.io/)?(library/)?postgres:${expected.postgresMajor}([.-][\\w.-]*)?(@sha256:[0-9a-f]+)?$`).test(image)

function declaredPort(service: ComposeService | undefined, target: number): string | undefined {
  return service?.ports?.find((p) => p.target === target)?.published
}

describe(t.suite, () => {
  check('ex5.compose-valid', async () => {
    const layout = session().requireLab()
    const file = layout.compose
    if (!file)
      throw new SubmissionError(t.missing.message, {
        expected: t.missing.expected(COMPOSE_FILE_NAMES, shownFolder(layout.folder)),
        seen: t.missing.seen,
        fix: t.missing.fix,
      })
    const text = readSubmissionFile(session().workDir(), file) ?? ''
    if (!text.replace(/#.*$/gm, '').trim())
      throw new SubmissionError(t.empty.message(file), { expected: t.empty.expected(expected.services.db, expected.services.api), seen: t.empty.seen, fix: t.empty.fix(file), location: { file } })
    const yaml = parseComposeYaml(text, file)
    if (!yaml.ok) throw new SubmissionError(yaml.message, { ...yaml.feedback, location: { file, ...(yaml.line ? { line: yaml.line } : {}) } })
    const config = await session().composeConfig()
    if (!config.ok && !('refused' in config))
      throw new SubmissionError(t.invalid.message(file), {
        expected: t.invalid.expected,
        seen: 'error' in config ? config.error : t.invalid.noConfig,
        fix: t.invalid.fix,
      })
    const refused = await session().policyViolations()
    if (refused.length)
      throw new SubmissionError(t.refused.message(refused), {
        expected: t.refused.expected,
        seen: t.refused.seen(refused),
        fix: t.refused.fix,
        location: { file },
      })
  })

  check('ex5.services', async (c) => {
    const { services } = await session().requireComposeConfig()
    const names = Object.keys(services)
    const dbImage = services[db]?.image
    c.item('db-image', isPostgresMajor(dbImage), {
      expected: t.dbImage.expected(db, expected.postgresMajor),
      seen: services[db] ? t.dbImage.seen(dbImage) : t.missingService(db, names),
      fix: t.dbImage.fix(db, expected.postgresMajor),
    })

    const build = services[api]?.build
    const context = session().path(path.join(path.dirname(session().composeFile() ?? '.'), expected.services.apiBuildContext))
    const dockerfile = build && path.join(build.context, build.dockerfile ?? 'Dockerfile')
    const buildsFromApi = build !== undefined && path.resolve(build.context) === path.resolve(context) && dockerfile !== undefined && existsSync(dockerfile)
    c.item('api-build', buildsFromApi, {
      expected: t.apiBuild.expected(api, expected.services.apiBuildContext),
      seen: !services[api]
        ? t.missingService(api, names)
        : !build
          ? t.apiBuild.noBuild(api, services[api]?.image)
          : t.apiBuild.context(path.relative(session().workDir(), build.context) || '.', dockerfile !== undefined && !existsSync(dockerfile)),
      fix: t.apiBuild.fix(api, expected.services.apiBuildContext),
    })

    const dependsOn = Object.keys(services[api]?.depends_on ?? {})
    c.item('api-depends-on-db', dependsOn.includes(db), {
      expected: t.dependsOn.expected(api, db),
      seen: t.dependsOn.seen(dependsOn),
      fix: t.dependsOn.fix(api, db),
    })
  })

  check('ex5.ports', async () => {
    const { services } = await session().requireComposeConfig()
    const wrong = [
      { service: db, port: expected.dbPort },
      { service: api, port: expected.apiPort },
    ].filter(({ service, port }) => declaredPort(services[service], port) !== String(port))
    if (wrong.length)
      throw new SubmissionError(t.ports.message(wrong.map((w) => w.service)), {
        expected: t.ports.expected(db, expected.dbPort, api, expected.apiPort),
        seen: t.ports.seen(
          wrong.map(({ service, port }) => ({
            service,
            mappings: services[service]?.ports ?? [],
            target: port,
            publishedElsewhere: Boolean(declaredPort(services[service], port)),
          })),
        ),
        fix: t.ports.fix,
      })
  })
})
