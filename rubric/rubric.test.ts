import { describe, expect, it } from 'vitest'
import { parseRubric, type RubricInput } from './schema.js'
import { tp1 } from './tp1.js'

const clone = (): RubricInput => structuredClone(tp1)

describe('the TP1 rubric', () => {
  it('is valid and totals 100 points', () => {
    const rubric = parseRubric(tp1)
    expect(rubric.checks.reduce((s, c) => s + c.points, 0)).toBe(100)
  })

  it('keeps the check ids other tools read', () => {
    expect(parseRubric(tp1).checks.map((c) => c.id)).toMatchInlineSnapshot(`
      [
        "ex1.engine",
        "ex1.report",
        "ex2.one-shot",
        "ex2.shared-kernel",
        "ex2.report",
        "ex3.health-route",
        "ex3.dockerfile",
        "ex3.report-files",
        "ex3.build",
        "ex3.image",
        "ex4.health",
        "ex4.listen-all",
        "ex4.ps",
        "ex4.graceful-stop",
        "ex4.report",
        "ex5.compose-valid",
        "ex5.services",
        "ex5.ports",
        "ex5.up",
        "ex5.api-health",
        "ex5.down",
        "ex5.report",
        "ex6.credentials",
        "ex6.connect",
        "ex6.version",
        "ex6.database",
        "ex6.psql-exec",
        "ex6.service-dns",
        "ex6.report",
        "ex7.logs",
        "ex7.exec",
        "ex7.restart",
        "ex7.report",
        "ex8.report",
      ]
    `)
  })
})

describe('parseRubric', () => {
  it('refuses points that do not add up to the total', () => {
    const rubric = clone()
    rubric.checks[2]!.points = 3
    expect(() => parseRubric(rubric)).toThrow(/checks add up to 101 points, not 100/)
  })

  it('refuses a duplicated check id', () => {
    const rubric = clone()
    rubric.checks.push({ ...rubric.checks[0]!, points: 0 })
    expect(() => parseRubric(rubric)).toThrow(/ex1.engine appears twice/)
  })

  it('refuses items that do not add up to their check', () => {
    const rubric = clone()
    const dockerfile = rubric.checks.find((c) => c.id === 'ex3.dockerfile')!
    dockerfile.items![0]!.points = 2
    expect(() => parseRubric(rubric)).toThrow(/items of ex3.dockerfile add up to 6, not 5/)
  })

  it('refuses a check filed under the wrong exercise, naming every problem', () => {
    const rubric = clone()
    rubric.checks[0]!.exercise = 2
    rubric.expected.apiPort = 70_000
    expect(() => parseRubric(rubric)).toThrow(/expected.apiPort[\s\S]*ex1.engine is filed under exercise 2/)
  })
})
