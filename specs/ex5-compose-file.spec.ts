import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe } from 'vitest'
import { parseComposeYaml } from '../analysis/compose-file.js'
import { check } from '../grading/check.js'
import { SubmissionError } from '../grading/errors.js'
import type { ComposeService } from '../lab/compose-config.js'
import { session } from '../lab/session.js'
import { COMPOSE_FILE_NAMES, readSubmissionFile } from '../lab/submission.js'
import { rubric } from '../rubric/index.js'

const { expected } = rubric
const { db, api } = expected.services

const isPostgresMajor = (image: string | undefined) =>
  image !== undefined && new RegExp(`^(docker\\.io/)?(library/)?postgres:${expected.postgresMajor}([.-][\\w.-]*)?(@sha256:[0-9a-f]+)?$`).test(image)

function declaredPort(service: ComposeService | undefined, target: number): string | undefined {
  return service?.ports?.find((p) => p.target === target)?.published
}

describe('Exercise 5 — the Compose file', () => {
  check('ex5.compose-valid', async () => {
    const file = session().composeFile()
    if (!file)
      throw new SubmissionError('There is no Compose file in the submission.', {
        expected: `one of ${COMPOSE_FILE_NAMES.join(', ')} at the root of the submission`,
        seen: 'none of them',
        fix: 'Save your Compose file as docker-compose.yml next to the api/ folder.',
      })
    const yaml = parseComposeYaml(readSubmissionFile(session().workDir(), file) ?? '', file)
    if (!yaml.ok) throw new SubmissionError(yaml.message, { ...yaml.feedback, location: { file, ...(yaml.line ? { line: yaml.line } : {}) } })
    const config = await session().composeConfig()
    if (!config.ok)
      throw new SubmissionError(`${file} is valid YAML but not a valid Compose file.`, {
        expected: 'docker compose config accepts the file',
        seen: 'error' in config ? config.error : 'no configuration',
        fix: 'Check the key names and their nesting against the lab: services → db / api → image, build, environment, ports, depends_on.',
      })
    const refused = await session().policyViolations()
    if (refused.length)
      throw new SubmissionError(`The grader refuses to run this Compose project: ${refused.map((v) => `service "${v.service}", ${v.key}`).join('; ')}.`, {
        expected: 'services that need no special power over the machine and use only files of the submission',
        seen: refused.map((v) => `${v.service}: ${v.message}`).join('\n'),
        fix: 'Remove these keys: the lab needs none of them. Nothing of this project was run.',
        location: { file },
      })
  })

  check('ex5.services', async (c) => {
    const { services } = await session().requireComposeConfig()
    const names = Object.keys(services).join(', ') || 'none'
    const dbImage = services[db]?.image
    c.item('db-image', isPostgresMajor(dbImage), {
      expected: `service "${db}" with image: postgres:${expected.postgresMajor}`,
      seen: services[db] ? `image: ${dbImage ?? '(none)'}` : `no service named "${db}" (services: ${names})`,
      fix: `Under services: → ${db}:, write image: postgres:${expected.postgresMajor}. Pin the major version: postgres or postgres:latest can jump to another release.`,
    })

    const build = services[api]?.build
    const context = path.join(session().workDir(), expected.services.apiBuildContext)
    const dockerfile = build && path.join(build.context, build.dockerfile ?? 'Dockerfile')
    const buildsFromApi = build !== undefined && path.resolve(build.context) === path.resolve(context) && dockerfile !== undefined && existsSync(dockerfile)
    c.item('api-build', buildsFromApi, {
      expected: `service "${api}" with build: ${expected.services.apiBuildContext}, and a Dockerfile in that folder`,
      seen: !services[api]
        ? `no service named "${api}" (services: ${names})`
        : !build
          ? `"${api}" has no build: key (image: ${services[api]?.image ?? 'none'})`
          : `build context ${path.relative(session().workDir(), build.context) || '.'}${dockerfile && !existsSync(dockerfile) ? ', where there is no Dockerfile' : ''}`,
      fix: `Write build: ${expected.services.apiBuildContext} under ${api}:, and put the API's Dockerfile and app.py in that folder.`,
    })

    const dependsOn = Object.keys(services[api]?.depends_on ?? {})
    c.item('api-depends-on-db', dependsOn.includes(db), {
      expected: `${api}.depends_on lists ${db}`,
      seen: dependsOn.length ? `depends_on: ${dependsOn.join(', ')}` : 'no depends_on',
      fix: `Under ${api}:, add depends_on: with - ${db}, so that Compose starts the database first.`,
    })
  })

  check('ex5.ports', async () => {
    const { services } = await session().requireComposeConfig()
    const wrong = [
      { service: db, port: expected.dbPort },
      { service: api, port: expected.apiPort },
    ].filter(({ service, port }) => declaredPort(services[service], port) !== String(port))
    if (wrong.length)
      throw new SubmissionError(`The published ports are not the ones the lab asks for: ${wrong.map((w) => w.service).join(' and ')}.`, {
        expected: `${db}: "${expected.dbPort}:${expected.dbPort}", ${api}: "${expected.apiPort}:${expected.apiPort}" (HOST:CONTAINER)`,
        seen: wrong.map(({ service, port }) => {
          const ports = services[service]?.ports?.map((p) => `${p.published ?? '(random)'}:${p.target}`) ?? []
          return `${service}: ${ports.length ? ports.join(', ') : 'no ports'} (container port ${port} ${declaredPort(services[service], port) ? 'published on another host port' : 'not published'})`
        }).join('; '),
        fix: 'Under each service, write ports: with a quoted "HOST:CONTAINER" entry, e.g. - "8000:8000".',
      })
  })
})
