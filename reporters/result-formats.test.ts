import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { gradedSample, sampleGrade } from './grade-fixture.js'
import { parseFormats, toGradescope, toJUnit, toPrairieLearn } from './result-formats.js'

// The documented fields of Gradescope's results.json (autograder specification) and PrairieLearn's external grader results.
const gradescopeSchema = z.object({
  score: z.number(),
  execution_time: z.number().int().nonnegative(),
  output: z.string(),
  output_format: z.enum(['text', 'html', 'simple_format', 'md', 'ansi']),
  stdout_visibility: z.enum(['hidden', 'after_due_date', 'after_published', 'visible']),
  tests: z.array(z.object({
    score: z.number(),
    max_score: z.number(),
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
    expect(results.tests.reduce((s, t) => s + t.score, 0)).toBeCloseTo(grade.score)
  })

  it('says UNGRADED in the output of an ungraded run and its checks', () => {
    const results = gradescopeSchema.parse(toGradescope(sampleGrade()))
    expect(results.output).toMatch(/^UNGRADED/)
    expect(results.tests.find((t) => t.tags.includes('ungraded'))?.output).toMatch(/^UNGRADED/)
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
