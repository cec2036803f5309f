import { roundPoints } from '../grading/points.js'
import { parseDeadline, type Deadline } from './deadline.js'
import { UsageError } from './usage-error.js'

/** What "per day" and "per hour" count: each interval started after the deadline. */
export type LateUnit = 'day' | 'hour'

const UNIT_SECONDS: Record<LateUnit, number> = { day: 86_400, hour: 3_600 }
const DURATION_UNITS: Record<string, number> = { s: 1, min: 60, h: 3_600, d: 86_400 }

/**
 * The course's late policy: commits up to `grace` after a student's deadline count as on time; later ones, up to the
 * cut-off, lose `percent` of the maximum score per interval started after the deadline, at most `capPercent`.
 */
export interface LatePolicy {
  graceSeconds: number
  penalty?: { percent: number; unit: LateUnit; capPercent: number }
  /** An instant for the whole class, or a time after each student's own deadline; absent: the deadline plus the grace. */
  cutoff?: { kind: 'date'; text: string; epochSeconds: number } | { kind: 'after'; text: string; seconds: number }
}

/** How a commit stands against a student's deadline. */
export interface Lateness {
  /** Seconds after the deadline; 0 or less is on time. */
  lateSeconds: number
  withinGrace: boolean
  /** Percent of the maximum score taken off: 0 on time and within the grace. */
  penaltyPercent: number
}

/** `15min`, `2h`, `7d`, `90s`: a whole or decimal number and its unit. */
export function parseDuration(option: string, raw: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|min|h|d)$/.exec(raw.trim())
  if (!match) throw new UsageError(`${option} ${JSON.stringify(raw)} is not a duration: write a number and s, min, h or d, e.g. ${option} 15min.`)
  return Math.round(Number(match[1]) * DURATION_UNITS[match[2]!]!)
}

/** `10%/day`, `2.5%/hour`: percent of the maximum score per interval started. */
function parsePenalty(raw: string): { percent: number; unit: LateUnit } {
  const match = /^(\d+(?:\.\d+)?)\s*%\s*(?:\/|per\s+)(day|hour)$/.exec(raw.trim())
  const percent = Number(match?.[1])
  if (!match || percent <= 0 || percent > 100)
    throw new UsageError(`--late-penalty ${JSON.stringify(raw)}: write the percent of the maximum score taken off per day or hour started, e.g. --late-penalty 10%/day or --late-penalty 2%/hour.`)
  return { percent, unit: match[2] as LateUnit }
}

function parsePercent(option: string, raw: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(raw.trim())
  const percent = Number(match?.[1])
  if (!match || percent <= 0 || percent > 100) throw new UsageError(`${option} ${JSON.stringify(raw)} is not a percent between 0 and 100, e.g. ${option} 50%.`)
  return percent
}

export interface LatePolicyArgs {
  grace?: string
  latePenalty?: string
  latePenaltyCap?: string
  cutoff?: string
}

/**
 * --grace, --late-penalty, --late-penalty-cap and --cutoff: undefined when none is given (the deadline is then the
 * cut-off, as without a policy). A penalty needs a cut-off: students keep working in the same repository after the
 * lab, and without one their next lab's commits would be graded, penalised, as this one.
 */
export function parseLatePolicy(args: LatePolicyArgs, hasDeadline: boolean): LatePolicy | undefined {
  const given = (['grace', 'latePenalty', 'latePenaltyCap', 'cutoff'] as const).filter((k) => args[k] !== undefined)
  if (given.length === 0) return undefined
  const option = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
  if (!hasDeadline) throw new UsageError(`${option(given[0]!)} is part of a late policy: give the deadline too, e.g. --deadline 2026-12-10T23:59+01:00.`)
  if (args.latePenaltyCap !== undefined && args.latePenalty === undefined) throw new UsageError('--late-penalty-cap caps a penalty: give --late-penalty too, e.g. --late-penalty 10%/day.')
  if (args.latePenalty !== undefined && args.cutoff === undefined)
    throw new UsageError('--late-penalty needs --cutoff, the time after which nothing is accepted (a date, e.g. --cutoff 2026-12-17T23:59+01:00, or a time after each deadline, e.g. --cutoff 7d): without one, the commits of the next lab would be graded as late work.')
  const policy: LatePolicy = { graceSeconds: args.grace === undefined ? 0 : parseDuration('--grace', args.grace) }
  if (args.latePenalty !== undefined) policy.penalty = { ...parsePenalty(args.latePenalty), capPercent: args.latePenaltyCap === undefined ? 100 : parsePercent('--late-penalty-cap', args.latePenaltyCap) }
  if (args.cutoff !== undefined) policy.cutoff = parseCutoff(args.cutoff)
  return policy
}

/** A date and time with its offset, or a duration after each student's deadline (`7d`). */
function parseCutoff(raw: string): NonNullable<LatePolicy['cutoff']> {
  if (/^\d+(?:\.\d+)?\s*(s|min|h|d)$/.test(raw.trim())) return { kind: 'after', text: raw.trim(), seconds: parseDuration('--cutoff', raw) }
  try {
    const date = parseDeadline(raw, '--cutoff')
    return { kind: 'date', text: date.text, epochSeconds: date.epochSeconds }
  } catch {
    throw new UsageError(`--cutoff ${JSON.stringify(raw)} is neither a date and time with its UTC offset (--cutoff 2026-12-17T23:59+01:00) nor a time after each student's deadline (--cutoff 7d).`)
  }
}

/**
 * The last instant a commit is accepted for a student whose deadline is `deadline`: the cut-off, never before the
 * deadline and its grace (an extension past a class-wide cut-off accepts nothing late).
 */
export function cutoffFor(deadline: Deadline, policy: LatePolicy | undefined): number {
  const graceEnd = deadline.epochSeconds + (policy?.graceSeconds ?? 0)
  const cutoff = policy?.cutoff
  if (!cutoff) return graceEnd
  return Math.max(graceEnd, cutoff.kind === 'date' ? cutoff.epochSeconds : deadline.epochSeconds + cutoff.seconds)
}

/** A commit's lateness: within the grace, no penalty; after it, the penalty of every interval started since the deadline. */
export function judgeLateness(commitSeconds: number, deadline: Deadline, policy: LatePolicy | undefined): Lateness {
  const lateSeconds = commitSeconds - deadline.epochSeconds
  const withinGrace = lateSeconds > 0 && lateSeconds <= (policy?.graceSeconds ?? 0)
  return { lateSeconds, withinGrace, penaltyPercent: lateSeconds <= 0 || withinGrace ? 0 : latePenaltyPercent(lateSeconds, policy?.penalty) }
}

/** `percent` per interval started, capped; no penalty defined: late work within the cut-off loses nothing. */
export function latePenaltyPercent(lateSeconds: number, penalty: LatePolicy['penalty']): number {
  if (!penalty || lateSeconds <= 0) return 0
  const intervals = Math.ceil(lateSeconds / UNIT_SECONDS[penalty.unit])
  return roundPoints(Math.min(penalty.capPercent, intervals * penalty.percent))
}

/** The score after a penalty in percent of the maximum score, never below 0, to hundredths. */
export function applyPenalty(score: number, maxScore: number, penaltyPercent: number): number {
  return roundPoints(Math.max(0, score - (maxScore * penaltyPercent) / 100))
}

/** The policy in one line, for the opening lines and the class report. */
export function describeLatePolicy(policy: LatePolicy): string {
  const grace = policy.graceSeconds ? `grace ${formatDuration(policy.graceSeconds)}` : 'no grace'
  const penalty = policy.penalty
    ? `−${policy.penalty.percent} % of the maximum score per ${policy.penalty.unit} started after the deadline${policy.penalty.capPercent < 100 ? `, at most −${policy.penalty.capPercent} %` : ''}`
    : 'no penalty'
  const cutoff = !policy.cutoff ? 'nothing accepted after the grace' : policy.cutoff.kind === 'date' ? `nothing accepted after ${policy.cutoff.text}` : `nothing accepted ${policy.cutoff.text} after the deadline`
  return `${grace}; ${penalty}; ${cutoff}`
}

export interface DurationUnits {
  day: string
  hour: string
  minute: string
}

/** `1 d 2 h 5 min`: whole minutes, rounded up (a commit 10 s late is 1 min late). */
export function formatDuration(seconds: number, units: DurationUnits = { day: 'd', hour: 'h', minute: 'min' }): string {
  const minutes = Math.ceil(Math.max(0, seconds) / 60)
  const parts = [
    [Math.floor(minutes / 1440), units.day],
    [Math.floor((minutes % 1440) / 60), units.hour],
    [minutes % 60, units.minute],
  ] as const
  const shown = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}`)
  return shown.length ? shown.join(' ') : `0 ${units.minute}`
}
