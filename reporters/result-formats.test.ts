import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { gradedSample, sampleGrade } from './grade-fixture.js'
import { parseFormats, resultSettings, toGradescope, toJUnit, toPrairieLearn } from './result-formats.js'

// The documented fields of Gradescope's results.json (autograder specification) and PrairieLearn's external grader results.
const gradescopeSchema = z.object({
  score: z.number().optional(),
  execution_time: z.number().int().nonnegative(),
  output: z.string(),
  output_format: z.enum(['text', 'html', 'simple_format', 'md', 'ansi']),
  stdout_visibility: z.enum(['hidden', 'after_due_date', 'after_published', 'visible']),
  tests: z.array(z.object({
    score: z.number().optional(),
    max_score: z.number().optional(),
    status: z.enum(['passed', 'failed']),
    name: z.string(),
    number: z.string(),
    output: z.string(),
    output_format: z.enum(['text', 'html', 'simple_format', 'md', 'ansi']),
    tags: z.array(z.string()),
    visibility: z.enum(['hidden', 'after_due_date', 'after_published', 'visible']),
  }).strict()),
}).strict()

const prairieLearnSchema = z.object({
  gradable: z.boolean(),
  score: z.number().min(0).max(1),
  message: z.string(),
  format_errors: z.array(z.string()).optional(),
  tests: z.array(z.object({
    name: z.string(), description: z.string(), points: z.number(), max_points: z.number(), message: z.string(), output: z.string(),
  }).strict()),
}).strict()

describe('Gradescope results.json', () => {
  it('has the documented fields, one test per check, and the total score', () => {
    const grade = gradedSample()
    const results = gradescopeSchema.parse(toGradescope(grade))
    expect(results.score).toBe(grade.score)
    expect(results.tests.map((t) => t.number)).toEqual(grade.checks.map((c) => c.id))
    expect(results.tests.reduce((s, t) => s + (t.score ?? 0), 0)).toBeCloseTo(grade.score)
  })

  it('says UNGRADED in the output of an ungraded run and its checks, and carries no score at all', () => {
    const results = gradescopeSchema.parse(toGradescope(sampleGrade()))
    expect(results.output).toMatch(/^UNGRADED/)
    expect(results.tests.find((t) => t.tags.includes('ungraded'))?.output).toMatch(/^UNGRADED/)
    // Gradescope sums the tests' scores when there is no total: none may carry one.
    expect(results.score).toBeUndefined()
    expect(results.tests.filter((t) => t.score !== undefined)).toEqual([])
  })

  it('names each test once: its id as the number, its title as the name (Gradescope shows "number) name")', () => {
    const grade = gradedSample()
    const results = gradescopeSchema.parse(toGradescope(grade))
    expect(results.tests.map((t) => [t.number, t.name])).toEqual(grade.checks.map((c) => [c.id, c.title]))
    for (const t of results.tests) expect(t.name).not.toContain(t.number)
  })

  it('shows everything at once by default', () => {
    const grade = gradedSample()
    const results = gradescopeSchema.parse(toGradescope(grade))
    const failed = grade.checks.find((c) => c.details?.expected)!
    expect(results.tests.every((t) => t.visibility === 'visible')).toBe(true)
    expect(results.tests.find((t) => t.number === failed.id)?.output).toContain(failed.details!.expected!)
  })

  it('with a later detail visibility, keeps verdicts and points visible and moves expected / seen / fix to an unscored test at that visibility', () => {
    const grade = gradedSample()
    const results = gradescopeSchema.parse(toGradescope(grade, { gradescopeDetail: 'after_due_date' }))
    const failed = grade.checks.find((c) => c.details?.expected)!
    const verdict = results.tests.find((t) => t.number === failed.id)!
    const detail = results.tests.find((t) => t.number === `${failed.id}.detail`)!
    expect(verdict).toMatchObject({ visibility: 'visible', score: failed.points, max_score: failed.maxPoints })
    expect(verdict.output).toContain(failed.message)
    expect(verdict.output).not.toContain(failed.details!.expected!)
    expect(detail).toMatchObject({ visibility: 'after_due_date', status: 'failed' })
    expect(detail.score).toBeUndefined()
    expect(detail.output).toContain(failed.details!.expected!)
    // Every visible output together holds no expected value, seen value or fix.
    const visible = results.tests.filter((t) => t.visibility === 'visible').map((t) => t.output).join('\n')
    for (const c of grade.checks) for (const d of [c.details?.expected, c.details?.seen, c.details?.fix]) if (d) expect(visible).not.toContain(d)
    expect(results.tests.filter((t) => t.visibility === 'visible').reduce((s, t) => s + (t.score ?? 0), 0)).toBeCloseTo(grade.score)
  })
})

describe('the Gradescope detail setting (GRADESCOPE_DETAIL)', () => {
  it("reads Gradescope's visibilities, visible by default; an unknown one hides the detail and says so", () => {
    expect(resultSettings({})).toEqual({ settings: { gradescopeDetail: 'visible' } })
    expect(resultSettings({ GRADESCOPE_DETAIL: 'after_due_date' })).toEqual({ settings: { gradescopeDetail: 'after_due_date' } })
    const typo = resultSettings({ GRADESCOPE_DETAIL: 'after_due' })
    expect(typo.settings.gradescopeDetail).toBe('hidden')
    expect(typo.problem).toMatch(/unknown visibility "after_due".*the detail is hidden/)
  })
})

describe('PrairieLearn results.json', () => {
  it('scores a graded run between 0 and 1', () => {
    const grade = gradedSample()
    const results = prairieLearnSchema.parse(toPrairieLearn(grade))
    expect(results).toMatchObject({ gradable: true, score: Math.round((grade.score / grade.maxScore) * 10_000) / 10_000 })
    expect(results.format_errors).toBeUndefined()
  })

  it('makes an ungraded run gradable: false, with the reasons, never a zero grade', () => {
    const results = prairieLearnSchema.parse(toPrairieLearn(sampleGrade()))
    expect(results.gradable).toBe(false)
    expect(results.format_errors?.length).toBeGreaterThan(0)
  })
})

describe('JUnit XML', () => {
  const xml = toJUnit(sampleGrade())

  it('has one testcase per check, with its points as properties', () => {
    expect(xml.match(/<testcase /g)).toHaveLength(sampleGrade().checks.length)
    expect(xml).toContain('<property name="points" value="3.5"/>')
  })

  it('reports failed as failure, ungraded as error, blocked and manual as skipped', () => {
    const grade = sampleGrade()
    const count = (s: string[]) => grade.checks.filter((c) => s.includes(c.status)).length
    expect(xml.match(/<failure /g)?.length ?? 0).toBe(count(['failed']))
    expect(xml.match(/<error /g)?.length ?? 0).toBe(count(['ungraded']))
    expect(xml.match(/<skipped /g)?.length ?? 0).toBe(count(['blocked', 'manual']))
  })

  it('escapes what would break the XML', () => {
    expect(xml).not.toMatch(/<[^?/a-z!]/)
  })
})

describe('parseFormats', () => {
  it('reads a comma list and names the known formats on a typo', () => {
    expect(parseFormats('gradescope, junit')).toEqual(['gradescope', 'junit'])
    expect(parseFormats(undefined)).toEqual([])
    expect(() => parseFormats('gradscope')).toThrow('unknown format "gradscope" (known: gradescope, prairielearn, junit)')
  })
})
