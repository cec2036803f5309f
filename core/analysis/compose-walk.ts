/** How the policy walks a Compose file: a key's rule, what it checks paths with, where it writes what it refuses. */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs'
import path from 'node:path'
import type { Platform } from './compose-platform.js'
import { isInside } from './submission-files.js'

/**
 * Why the grader refuses a key, by name, with what the refusal names: the vocabulary of the policy (compose-keys.ts).
 * Each catalogue has a sentence for each (`compose.policy`).
 */
export interface PolicyReasons {
  privileged: []
  capAdd: [capabilities: readonly string[]]
  hostNamespace: [key: string, namespace: string]
  devices: [key: string]
  unconfined: [option: string]
  confinement: [option: string]
  machinePower: [key: string]
  dockerSocket: [source: string]
  outsideBind: [source: string]
  buildOutside: [context: string]
  buildRemote: [context: string]
  hostFile: [key: string, file: string]
  variablePath: [key: string, file: string]
  linkOutside: [file: string]
  oneFile: [key: string]
  otherContainer: [key: string, value: string]
  external: [key: string]
  hostEnvironment: [key: string, variable: string]
  graderLabel: [key: string, label: string]
  driverOptions: [key: string]
  driver: [key: string, driver: string]
  propagation: [key: string, value: string]
  mountType: [key: string, type: string]
  buildInputs: [key: string]
  imageTags: [key: string]
  buildNetwork: [key: string]
  addresses: [key: string]
  hostCredential: [key: string]
  unknown: [key: string]
  tooManyPorts: [count: number, max: number]
  platform: [key: string, platform: string, engine: string]
  tooManyNetworks: [count: number, max: number]
  tooManyServices: [count: number, max: number]
}

/** Why the grader refuses a key: the reason and what it says it with. */
export type PolicyReason = { [K in keyof PolicyReasons]: { kind: K; args: PolicyReasons[K] } }[keyof PolicyReasons]

export const reason = <K extends keyof PolicyReasons>(kind: K, ...args: PolicyReasons[K]) => ({ kind, args }) as PolicyReason

export interface PolicyViolation {
  /** The service, or '' for a top-level entry (a volume, a network, `include`…), whose `key` then names it. */
  service: string
  key: string
  reason: PolicyReason
}

export interface Context {
  /** The submission folder, as given and as the file system resolves it. */
  dir: string
  realDir: string
  /** Where a relative path of the file as written starts: the Compose file's folder (`docker compose config` gives absolute ones). */
  base: string
  services: ReadonlySet<string>
  /** The service being checked, '' at the top level. */
  service: string
  /** The engine's platform, when the configuration names one (see namesPlatform). */
  platform?: Platform
  violations: PolicyViolation[]
}

export const refuseIn = (ctx: Context, key: string, why: PolicyReason) => ctx.violations.push({ service: ctx.service, key, reason: why })

export type Check = (value: unknown, ctx: Context, key: string) => void

/**
 * What the grader does with a key of the Compose file, judged by what the key can do on the grading machine (not by
 * whether the lab needs it): `accepted`, run as written (`check` may still refuse a value, e.g. a bind outside the
 * submission); `neutralised`, run bounded or rewritten by the grader (graderComposeConfig); `refused`, the project is
 * not run. `reason`: why, in one line (docs/compose-keys.md is generated from it).
 */
export type Verdict = 'accepted' | 'neutralised' | 'refused'

export interface Kept {
  verdict: 'accepted' | 'neutralised'
  reason: string
  check?: Check
  /** Checks on the file as written, before Compose reads anything (for what Compose reads while loading it). */
  atLoad?: Check
}

/** `refusal`: what the student reads; `atLoad`: Compose would read a file of the machine to load it. */
export interface Refused {
  verdict: 'refused'
  reason: string
  refusal: (key: string, value: unknown) => PolicyReason
  atLoad?: true
}

export type KeyRule = Kept | Refused
export type KeyTable = Readonly<Record<string, KeyRule>>

export const accepted = (reason: string, check?: Check, atLoad?: Check): Kept => ({ verdict: 'accepted', reason, ...(check && { check }), ...(atLoad && { atLoad }) })
export const neutralised = (reason: string, check?: Check): Kept => ({ verdict: 'neutralised', reason, ...(check && { check }) })
export const refused = (reason: string, refusal: Refused['refusal']): Refused => ({ verdict: 'refused', reason, refusal })

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value])
/** A refused key set to its default (false, 0, nothing) asks for nothing: it is not refused. */
export const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === false || value === 0 || value === '' || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)

/** Whether something is at that path, a link that leads nowhere included. */
export function present(target: string): boolean {
  try {
    lstatSync(target)
    return true
  } catch {
    return false
  }
}

/** Inside the submission as written and as the file system resolves it: a link that leads out is outside, even a dangling one. */
export function insideSubmission(ctx: Context, target: string, links = 0): boolean {
  const absolute = path.resolve(ctx.base, target)
  if (!isInside(ctx.dir, absolute) && !isInside(ctx.realDir, absolute)) return false
  let existing = absolute
  while (!present(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing)
  try {
    return isInside(ctx.realDir, realpathSync(existing))
  } catch {
    // a link whose target does not exist (yet): where it points
    if (links > 8 || !lstatSync(existing).isSymbolicLink()) return false
    return insideSubmission(ctx, path.resolve(path.dirname(existing), readlinkSync(existing)), links + 1)
  }
}

/** A path as the student can recognise it: relative to the submission when it is near it, absolute otherwise. */
export function shown(ctx: Context, target: string): string {
  const absolute = path.resolve(ctx.base, target)
  if (isInside(ctx.dir, absolute)) return path.relative(ctx.dir, absolute) || '.'
  return isInside(path.dirname(ctx.dir), absolute) ? path.relative(ctx.dir, absolute) : absolute
}

export function checkFile(ctx: Context, key: string, file: unknown) {
  if (typeof file !== 'string') return
  if (file.includes('$')) refuseIn(ctx, key, reason('variablePath', key, file))
  else if (!insideSubmission(ctx, file)) refuseIn(ctx, key, reason('hostFile', key, shown(ctx, file)))
}

export function walk(table: KeyTable, value: unknown, ctx: Context, prefix = '', stage: 'load' | 'config' = 'config') {
  if (!isObject(value)) return
  for (const [name, entry] of Object.entries(value)) {
    if (name.startsWith('x-')) continue // extension fields: Compose itself ignores them
    const key = prefix + name
    const rule = table[name]
    if (!rule) refuseIn(ctx, key, reason('unknown', key))
    else if (rule.verdict === 'refused') {
      if ((stage === 'config' || rule.atLoad) && !isEmpty(entry)) refuseIn(ctx, key, rule.refusal(key, entry))
    } else if (stage === 'load') rule.atLoad?.(entry, ctx, key)
    else rule.check?.(entry, ctx, key)
  }
}

export const each = (table: KeyTable): Check => (value, ctx, key) => {
  for (const entry of list(value)) walk(table, entry, ctx, `${key}.`)
}

export const eachNamed = (table: KeyTable): Check => (value, ctx, key) => {
  if (isObject(value)) for (const [name, entry] of Object.entries(value)) walk(table, entry, ctx, `${key}.${name}.`)
}

export const inside = (table: KeyTable): Check => (value, ctx, key) => walk(table, value, ctx, `${key}.`)

/** A value among `values` (or none); anything else is refused for `why`. */
export const only = (values: readonly string[], why: (key: string, value: string) => PolicyReason): Check => (value, ctx, key) => {
  if (!isEmpty(value) && !values.includes(String(value))) refuseIn(ctx, key, why(key, String(value)))
}

export function collect(dir: string, base: string, services: Iterable<string>, visit: (ctx: Context) => void, platform?: Platform): PolicyViolation[] {
  const ctx: Context = { dir, realDir: dir, base, services: new Set(services), service: '', violations: [], ...(platform && { platform }) }
  try {
    ctx.realDir = realpathSync(dir)
  } catch {
    // a folder that does not exist holds nothing a link could escape to
  }
  visit(ctx)
  return ctx.violations
}
