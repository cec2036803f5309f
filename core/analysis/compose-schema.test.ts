import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { composeKeyTables, serviceKeys } from './compose-keys.js'
import type { KeyTable } from './compose-walk.js'

/** The Compose specification's schema in the version this Compose validates with (see test/compose-spec/README.md). */
const schema = JSON.parse(readFileSync(new URL('../../test/compose-spec/compose-spec.json', import.meta.url), 'utf8')) as SchemaNode

interface SchemaNode {
  $ref?: string
  properties?: Record<string, SchemaNode>
  patternProperties?: Record<string, SchemaNode>
  oneOf?: SchemaNode[]
  anyOf?: SchemaNode[]
  items?: SchemaNode
  definitions?: Record<string, SchemaNode>
}

const resolve = (node: SchemaNode): SchemaNode => {
  if (!node.$ref) return node
  const name = node.$ref.replace('#/definitions/', '')
  const target = schema.definitions?.[name]
  if (!target) throw new Error(`the schema has no definition ${node.$ref}`)
  return resolve(target)
}

/** The keys an object of this schema node may have, whatever form (oneOf, items, a map of named entries) holds it. */
function objectKeys(node: SchemaNode): Record<string, SchemaNode> {
  const at = resolve(node)
  const found: Record<string, SchemaNode> = { ...at.properties }
  for (const alternative of [...(at.oneOf ?? []), ...(at.anyOf ?? [])]) Object.assign(found, objectKeys(alternative))
  return found
}

const items = (node: SchemaNode) => resolve(node).items ?? {}
/** The value of a named entry: a service's `networks: {back: …}`, `depends_on: {db: …}`. */
const namedEntry = (node: SchemaNode): SchemaNode => {
  const at = resolve(node)
  for (const alternative of [at, ...(at.oneOf ?? [])]) {
    const entry = Object.values(resolve(alternative).patternProperties ?? {})[0]
    if (entry) return entry
  }
  throw new Error('no named entries in this schema node')
}

const service = resolve(schema.definitions!.service!).properties!
const serviceVolume = objectKeys(items(service.volumes!))

/** The schema's keys for each part of the Compose file the policy decides key by key (composeKeyTables). */
const schemaKeys: Record<keyof typeof composeKeyTables, Record<string, SchemaNode>> = {
  'top level': schema.properties!,
  service,
  'service build': objectKeys(service.build!),
  'service volume mount': serviceVolume,
  'service volume mount bind': objectKeys(serviceVolume.bind!),
  'service volume mount volume': objectKeys(serviceVolume.volume!),
  'service volume mount tmpfs': objectKeys(serviceVolume.tmpfs!),
  'service network attachment': objectKeys(namedEntry(service.networks!)),
  'service port': objectKeys(items(service.ports!)),
  'service healthcheck': objectKeys(service.healthcheck!),
  'service dependency': objectKeys(namedEntry(service.depends_on!)),
  'service hook (post_start, pre_stop)': objectKeys(items(service.post_start!)),
  network: objectKeys(schema.definitions!.network!),
  volume: objectKeys(schema.definitions!.volume!),
  secret: objectKeys(schema.definitions!.secret!),
  config: objectKeys(schema.definitions!.config!),
}

const parts = Object.entries(composeKeyTables).map(([part, table]) => [part, Object.keys(schemaKeys[part as keyof typeof schemaKeys]), table as KeyTable] as const)

/**
 * Service keys whose value is an object the policy does not walk key by key, and why: the grader replaces it,
 * never runs it, or refuses it whole.
 */
const decidedWhole: Record<string, string> = {
  deploy: 'replaced by the grader’s limits, whole',
  logging: 'replaced by the grader’s bounded json-file log, whole',
  develop: 'used by docker compose watch only, which the grader never runs',
  extends: 'only a service of the same file: its file key is refused as the file is written, and Compose merges it away',
  env_file: 'every form is a path, checked',
  label_file: 'every form is a path, checked',
  ulimits: 'refused whole', blkio_config: 'refused whole', credential_spec: 'refused whole', gpus: 'refused whole',
}

describe('the policy classifies every key of the Compose specification', () => {
  it.each(parts)('%s: every key is accepted, neutralised or refused, with its reason', (_part, keys, table) => {
    const unclassified = keys.filter((key) => !(key in table))
    expect(unclassified, 'keys of the schema nobody classified').toEqual([])
    for (const key of keys) {
      const rule = table[key]!
      expect(['accepted', 'neutralised', 'refused'], key).toContain(rule.verdict)
      expect(rule.reason, `the reason for ${key}`).toMatch(/^[^\n|]{8,160}$/)
      if (rule.verdict === 'refused') expect(typeof rule.refusal, `what the student reads when ${key} is refused`).toBe('function')
    }
  })

  it('walks every object a service key holds, or says why not', () => {
    const walked = new Set(['build', 'volumes', 'networks', 'ports', 'healthcheck', 'depends_on', 'post_start', 'pre_stop'])
    const objects = Object.entries(service).filter(([key, node]) => !walked.has(key) && Object.keys(objectKeys(node)).length > 0).map(([key]) => key)
    const unexplained = objects.filter((key) => !(key in decidedWhole) && serviceKeys[key]?.verdict !== 'refused')
    expect(unexplained).toEqual([])
  })

  it('classifies no key the schema does not have (a stale entry hides a renamed key)', () => {
    for (const [part, keys, table] of parts) expect(Object.keys(table).filter((key) => !keys.includes(key)), part).toEqual([])
  })
})
