import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseDocument } from 'yaml'
import type { ComposeConfig } from './compose-model.js'
import { topLevelKeys } from './compose-keys.js'
import { parsePlatform } from './compose-platform.js'
import { collect, insideSubmission, isEmpty, isObject, present, reason, refuseIn, walk, type PolicyViolation } from './compose-walk.js'

export type { PolicyReason, PolicyViolation } from './compose-walk.js'

/**
 * What the grader refuses in the Compose file as written, before Compose reads anything: keys it does not know,
 * and what Compose would read from the machine while loading the file (other Compose files, env_file and
 * label_file outside the submission, a project .env or a Compose file that is a link to a file of the machine).
 * `undefined` when the file is not YAML the grader can read: then Compose must not read it either.
 */
export function composeFileViolations(dir: string, file: string): PolicyViolation[] | undefined {
  const project = path.dirname(path.join(dir, file))
  const links = collect(dir, project, [], (ctx) => {
    for (const name of [file, path.join(path.dirname(file), '.env')])
      if (present(path.join(dir, name)) && !insideSubmission(ctx, path.join(dir, name))) refuseIn(ctx, name, reason('linkOutside', name))
  })
  if (links.length) return links
  let data: unknown
  try {
    const doc = parseDocument(readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, ''), { merge: true, logLevel: 'silent' })
    if (doc.errors.length) return undefined
    data = doc.toJS()
  } catch {
    return undefined
  }
  const services = isObject(data) && isObject(data.services) ? Object.keys(data.services) : []
  return collect(dir, project, services, (ctx) => walk(topLevelKeys, data, ctx, '', 'load'))
}

/** Whether the configuration names a platform (`platform`, `build.platforms`): only then is the engine's needed. */
export function namesPlatform(config: ComposeConfig): boolean {
  return Object.values(config.services ?? {}).some((service) => !isEmpty(service.platform) || (isObject(service.build) && !isEmpty(service.build.platforms)))
}

/**
 * What the grader refuses to run, from the normalised configuration (`docker compose config`), key by key as the
 * table of analysis/compose-keys.ts decides (docs/compose-keys.md shows it): power over the machine, files or containers outside the
 * submission, a key it does not know. `enginePlatform`: the platform of the engine that runs the project, as
 * `docker version` gives it (`linux/amd64`), which a `platform` key must name; needed when namesPlatform.
 */
export function composePolicyViolations(config: ComposeConfig, submissionDir: string, enginePlatform?: string): PolicyViolation[] {
  const platform = enginePlatform === undefined ? undefined : parsePlatform(enginePlatform)
  return collect(submissionDir, submissionDir, Object.keys(config.services ?? {}), (ctx) => walk(topLevelKeys, config, ctx), platform)
}
