import { describe, expect, it } from 'vitest'
import { parseDeadline } from './deadline.js'
import { applyPenalty, cutoffFor, describeLatePolicy, formatDuration, judgeLateness, latePenaltyPercent, parseDuration, parseLatePolicy } from './late-policy.js'

const deadline = parseDeadline('2026-12-10T23:59+01:00')
const HOUR = 3600
const DAY = 86_400

describe('the late policy options', () => {
  it('reads durations, penalties per day or hour, a cap and a cut-off (a date or a time after each deadline)', () => {
    expect(['90s', '15min', '2h', '1.5d'].map((d) => parseDuration('--grace', d))).toEqual([90, 900, 7200, 129_600])
    expect(parseLatePolicy({ grace: '15min', latePenalty: '10%/day', latePenaltyCap: '50%', cutoff: '7d' }, true)).toEqual({
      graceSeconds: 900, penalty: { percent: 10, unit: 'day', capPercent: 50 }, cutoff: { kind: 'after', text: '7d', seconds: 7 * DAY },
    })
    expect(parseLatePolicy({ latePenalty: '2.5% per hour', cutoff: '2026-12-17T23:59+01:00' }, true)).toEqual({
      graceSeconds: 0, penalty: { percent: 2.5, unit: 'hour', capPercent: 100 }, cutoff: { kind: 'date', text: '2026-12-17T23:59+01:00', epochSeconds: deadline.epochSeconds + 7 * DAY },
    })
    expect(parseLatePolicy({}, true)).toBeUndefined()
  })

  it('refuses what it cannot read, and a policy that would grade the next lab as late work', () => {
    expect(() => parseLatePolicy({ grace: '15' }, true)).toThrow(/--grace "15" is not a duration: write a number and s, min, h or d/)
    expect(() => parseLatePolicy({ latePenalty: '10/day', cutoff: '7d' }, true)).toThrow(/--late-penalty "10\/day": write the percent/)
    expect(() => parseLatePolicy({ latePenalty: '10%/day' }, true)).toThrow(/--late-penalty needs --cutoff/)
    expect(() => parseLatePolicy({ latePenaltyCap: '50%' }, true)).toThrow(/--late-penalty-cap caps a penalty/)
    expect(() => parseLatePolicy({ latePenalty: '10%/day', latePenaltyCap: '150%', cutoff: '7d' }, true)).toThrow(/--late-penalty-cap "150%" is not a percent/)
    expect(() => parseLatePolicy({ cutoff: 'next week' }, true)).toThrow(/--cutoff "next week" is neither a date and time with its UTC offset .* nor a time after each student's deadline \(--cutoff 7d\)/)
    expect(() => parseLatePolicy({ grace: '15min' }, false)).toThrow(/--grace is part of a late policy: give the deadline too/)
  })

  it('says the policy in one line', () => {
    expect(describeLatePolicy(parseLatePolicy({ grace: '15min', latePenalty: '10%/day', latePenaltyCap: '50%', cutoff: '7d' }, true)!)).toBe(
      'grace 15 min; −10 % of the maximum score per day started after the deadline, at most −50 %; nothing accepted 7d after the deadline',
    )
  })
})

describe('the penalty', () => {
  const policy = parseLatePolicy({ grace: '15min', latePenalty: '10%/day', latePenaltyCap: '30%', cutoff: '7d' }, true)!

  it('is nothing on time and within the grace; then each day started since the deadline, capped', () => {
    const judge = (late: number) => judgeLateness(deadline.epochSeconds + late, deadline, policy)
    expect(judge(-HOUR)).toEqual({ lateSeconds: -HOUR, withinGrace: false, penaltyPercent: 0 })
    expect(judge(0)).toEqual({ lateSeconds: 0, withinGrace: false, penaltyPercent: 0 })
    expect(judge(15 * 60)).toEqual({ lateSeconds: 900, withinGrace: true, penaltyPercent: 0 })
    expect([15 * 60 + 1, DAY, DAY + 1, 2 * DAY, 6 * DAY].map((s) => judge(s).penaltyPercent)).toEqual([10, 10, 20, 20, 30])
  })

  it('per hour counts hours started; none defined, late work within the cut-off loses nothing', () => {
    expect(latePenaltyPercent(HOUR + 1, { percent: 2.5, unit: 'hour', capPercent: 100 })).toBe(5)
    expect(latePenaltyPercent(100 * HOUR, { percent: 2.5, unit: 'hour', capPercent: 100 })).toBe(100)
    expect(latePenaltyPercent(DAY, undefined)).toBe(0)
  })

  it('takes a percent of the maximum score off the score, never below 0', () => {
    expect(applyPenalty(90, 100, 10)).toBe(80)
    expect(applyPenalty(77.5, 100, 12.5)).toBe(65)
    expect(applyPenalty(5, 100, 30)).toBe(0)
    expect(applyPenalty(90, 100, 0)).toBe(90)
  })

  it('the cut-off: the deadline and its grace without one; a date never before an extended deadline', () => {
    expect(cutoffFor(deadline, undefined)).toBe(deadline.epochSeconds)
    expect(cutoffFor(deadline, { graceSeconds: 900 })).toBe(deadline.epochSeconds + 900)
    expect(cutoffFor(deadline, policy)).toBe(deadline.epochSeconds + 7 * DAY)
    const classCutoff = parseLatePolicy({ cutoff: '2026-12-12T23:59+01:00' }, true)!
    const extension = parseDeadline('2026-12-20T23:59+01:00')
    expect(cutoffFor(extension, classCutoff)).toBe(extension.epochSeconds)
    expect(cutoffFor(deadline, classCutoff)).toBe(deadline.epochSeconds + 2 * DAY)
  })

  it('says how late in days, hours and minutes started', () => {
    expect([10, 60, 61, DAY + 2 * HOUR + 300, 0].map((s) => formatDuration(s))).toEqual(['1 min', '1 min', '2 min', '1 d 2 h 5 min', '0 min'])
    expect(formatDuration(DAY + HOUR, { day: 'j', hour: 'h', minute: 'min' })).toBe('1 j 1 h')
  })
})
