import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  bindOptionKeys, buildKeys, configKeys, dependsOnKeys, healthcheckKeys, networkKeys, portKeys, secretKeys, serviceKeys, serviceNetworkKeys,
  serviceVolumeKeys, tmpfsOptionKeys, topLevelKeys, volumeKeys, volumeOptionKeys, type KeyTable,
} from './compose-policy.js'

/** The Compose specification's schema in the version this Compose validates with (see test/compose-spec/README.md). */
const schema = JSON.parse(readFileSync(new URL('../test/compose-spec/compose-spec.json', import.meta.url), 'utf8')) as SchemaNode

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

/** Each part of the Compose file the policy decides key by key, the schema's keys for it, and the policy's table. */
const parts: [string, Record<string, SchemaNode>, KeyTable][] = [
  ['top level', schema.properties!, topLevelKeys],
  ['service', service, serviceKeys],
  ['service build', objectKeys(service.build!), buildKeys],
  ['service volume mount', serviceVolume, serviceVolumeKeys],
  ['service volume mount bind', objectKeys(serviceVolume.bind!), bindOptionKeys],
  ['service volume mount volume', objectKeys(serviceVolume.volume!), volumeOptionKeys],
  ['service volume mount tmpfs', objectKeys(serviceVolume.tmpfs!), tmpfsOptionKeys],
  ['service network attachment', objectKeys(namedEntry(service.networks!)), serviceNetworkKeys],
  ['service port', objectKeys(items(service.ports!)), portKeys],
  ['service healthcheck', objectKeys(service.healthcheck!), healthcheckKeys],
  ['service dependency', objectKeys(namedEntry(service.depends_on!)), dependsOnKeys],
  ['network', objectKeys(schema.definitions!.network!), networkKeys],
  ['volume', objectKeys(schema.definitions!.volume!), volumeKeys],
  ['secret', objectKeys(schema.definitions!.secret!), secretKeys],
  ['config', objectKeys(schema.definitions!.config!), configKeys],
]

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
  blkio_config: 'refused whole', ulimits: 'refused whole', post_start: 'refused whole', pre_stop: 'refused whole',
  credential_spec: 'refused whole', gpus: 'refused whole', label_file: 'refused whole',
}

describe('the policy decides every key of the Compose specification', () => {
  it.each(parts.map(([part, keys, table]) => [part, Object.keys(keys), table] as const))('%s: every key is allowed with a reason, or refused', (_part, keys, table) => {
    const undecided = keys.filter((key) => !(key in table))
    expect(undecided, 'keys of the schema the policy has not decided').toEqual([])
    for (const key of keys) {
      const rule = table[key]!
      if ('allowed' in rule) expect(rule.allowed, `the reason ${key} is allowed`).toMatch(/^[^\n]{8,160}$/)
      else expect(typeof rule.refused).toBe('function')
    }
  })

  it('walks every object a service key holds, or says why not', () => {
    const walked = new Set(['build', 'volumes', 'networks', 'ports', 'healthcheck', 'depends_on'])
    const objects = Object.entries(service).filter(([key, node]) => !walked.has(key) && Object.keys(objectKeys(node)).length > 0).map(([key]) => key)
    const unexplained = objects.filter((key) => !(key in decidedWhole) && !('refused' in (serviceKeys[key] ?? {})))
    expect(unexplained).toEqual([])
  })

  it('decides no key the schema does not have (a stale decision hides a renamed key)', () => {
    for (const [part, keys, table] of parts) expect(Object.keys(table).filter((key) => !(key in keys)), part).toEqual([])
  })
})
