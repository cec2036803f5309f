import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe } from 'vitest'
import { parseComposeYaml } from '../../../core/analysis/compose-file.js'
import { shownFolder } from '../../../core/analysis/lab-layout.js'
import { check } from './lab.js'
import { fail } from '../../../core/grading/finding.js'
import type { ComposeService } from '../../../core/lab/compose-config.js'
import { COMPOSE_FILE_NAMES, readSubmissionFile } from '../../../core/analysis/submission-files.js'
import type { ApiBuildSeen, PortProblem } from '../i18n/en/ex5.js'

const isPostgresMajor = (image: string | undefined, major: number) =>
  image !== undefined && new RegExp(`^(docker\\.io/)?(library/)?postgres:${major}([.-][\\w.-]*)?(@sha256:[0-9a-f]+)?$`).test(image)

function declaredPort(service: ComposeService | undefined, target: number): string | undefined {
  return service?.ports?.find((p) => p.target === target)?.published
}

describe('exercise 5: the Compose file', () => {
  check('ex5.compose-valid', async (_c, { lab, run: { rubric: { expected }, messages } }) => {
    const t = messages.ex5.file
    const layout = lab.requireLab()
    const file = layout.compose
    if (!file) throw fail(t.missing(COMPOSE_FILE_NAMES, shownFolder(layout.folder), expected.services.apiBuildContext))
    const text = readSubmissionFile(lab.workDir(), file) ?? ''
    if (!text.replace(/#.*$/gm, '').trim()) throw fail(t.empty(file, expected.services), { location: { file } })
    const yaml = parseComposeYaml(text)
    if (!yaml.ok) {
      const location = { file, ...(yaml.line ? { line: yaml.line } : {}) }
      throw fail(messages.compose.yaml(file, yaml.problem), { ...(yaml.log ? { log: yaml.log } : {}), location })
    }
    const config = await lab.composeConfig()
    if (!config.ok && !('refused' in config)) throw fail(t.invalid(file, 'error' in config ? config.error : undefined, expected.services))
    const refused = await lab.policyViolations()
    if (refused.length) throw fail(t.refused(refused), { location: { file } })
  })

  check('ex5.services', async (c, { lab, run: { rubric: { expected }, messages } }) => {
    const t = messages.ex5.file
    const { db, api } = expected.services
    const { services } = await lab.requireComposeConfig()
    const names = Object.keys(services)
    c.item('db-image', isPostgresMajor(services[db]?.image, expected.postgresMajor), t.dbImage(db, expected.postgresMajor, services[db], names))

    const build = services[api]?.build
    const context = lab.path(path.join(path.dirname(lab.composeFile() ?? '.'), expected.services.apiBuildContext))
    const dockerfile = build && path.join(build.context, build.dockerfile ?? 'Dockerfile')
    const buildsFromApi = build !== undefined && path.resolve(build.context) === path.resolve(context) && dockerfile !== undefined && existsSync(dockerfile)
    const noDockerfile = dockerfile !== undefined && !existsSync(dockerfile)
    const seen: ApiBuildSeen = !services[api]
      ? { kind: 'no-service', services: names }
      : !build
        ? { kind: 'no-build', image: services[api]?.image }
        : { kind: 'build', context: path.relative(lab.workDir(), build.context) || '.', noDockerfile }
    c.item('api-build', buildsFromApi, t.apiBuild(api, expected.services.apiBuildContext, seen, expected.appFile))

    const dependsOn = Object.keys(services[api]?.depends_on ?? {})
    c.item('api-depends-on-db', dependsOn.includes(db), t.dependsOn(api, db, dependsOn))
  })

  check('ex5.ports', async (_c, { lab, run: { rubric: { expected }, messages } }) => {
    const { db, api } = expected.services
    const { services } = await lab.requireComposeConfig()
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
    if (wrong.length) throw fail(messages.ex5.file.ports(wrong, expected))
  })
})
