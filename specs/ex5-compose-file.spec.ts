import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe } from 'vitest'
import { parseComposeYaml } from '../analysis/compose-file.js'
import { shownFolder } from '../analysis/lab-layout.js'
import { check } from '../grading/check.js'
import { fail } from '../grading/finding.js'
import type { ComposeService } from '../lab/compose-config.js'
import { session } from '../lab/session.js'
import { COMPOSE_FILE_NAMES, readSubmissionFile } from '../lab/submission.js'
import type { ApiBuildSeen, PortProblem } from '../i18n/en/ex5.js'
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
    if (!file) throw fail(t.missing(COMPOSE_FILE_NAMES, shownFolder(layout.folder), expected.services.apiBuildContext))
    const text = readSubmissionFile(session().workDir(), file) ?? ''
    if (!text.replace(/#.*$/gm, '').trim()) throw fail(t.empty(file, expected.services), { location: { file } })
    const yaml = parseComposeYaml(text)
    if (!yaml.ok) {
      const location = { file, ...(yaml.line ? { line: yaml.line } : {}) }
      throw fail(messages.compose.yaml(file, yaml.problem), { ...(yaml.log ? { log: yaml.log } : {}), location })
    }
    const config = await session().composeConfig()
    if (!config.ok && !('refused' in config)) throw fail(t.invalid(file, 'error' in config ? config.error : undefined, expected.services))
    const refused = await session().policyViolations()
    if (refused.length) throw fail(t.refused(refused), { location: { file } })
  })

  check('ex5.services', async (c) => {
    const { services } = await session().requireComposeConfig()
    const names = Object.keys(services)
    c.item('db-image', isPostgresMajor(services[db]?.image), t.dbImage(db, expected.postgresMajor, services[db], names))

    const build = services[api]?.build
    const context = session().path(path.join(path.dirname(session().composeFile() ?? '.'), expected.services.apiBuildContext))
    const dockerfile = build && path.join(build.context, build.dockerfile ?? 'Dockerfile')
    const buildsFromApi = build !== undefined && path.resolve(build.context) === path.resolve(context) && dockerfile !== undefined && existsSync(dockerfile)
    const noDockerfile = dockerfile !== undefined && !existsSync(dockerfile)
    const seen: ApiBuildSeen = !services[api]
      ? { kind: 'no-service', services: names }
      : !build
        ? { kind: 'no-build', image: services[api]?.image }
        : { kind: 'build', context: path.relative(session().workDir(), build.context) || '.', noDockerfile }
    c.item('api-build', buildsFromApi, t.apiBuild(api, expected.services.apiBuildContext, seen, expected.appFile))

    const dependsOn = Object.keys(services[api]?.depends_on ?? {})
    c.item('api-depends-on-db', dependsOn.includes(db), t.dependsOn(api, db, dependsOn))
  })

  check('ex5.ports', async () => {
    const { services } = await session().requireComposeConfig()
    const wrong: PortProblem[] = [
      { service: db, port: expected.dbPort },
      { service: api, port: expected.apiPort },
    ]
      .filter(({ service, port }) => declaredPort(services[service], port) !== String(port))
      .map(({ service, port }) => ({
        service,
        mappings: services[service]?.ports ?? [],
        target: port,
        publishedElsewhere: Boolean(declaredPort(services[service], port)),
      }))
    if (wrong.length) throw fail(t.ports(wrong, expected))
  })
})
