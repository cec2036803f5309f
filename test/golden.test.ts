import { describe, expect, it } from 'vitest'
import { compareGolden, GOLDEN_CASES, readGoldenGrade, renderings } from './support/golden.js'

// Each golden grade.json is a real run's grade (test/golden-runs.test.ts keeps it true); here every format the
// reporter writes is rendered from it and compared, byte for byte, with the reviewed files beside it.
describe('every result format, on the golden grades', () => {
  it.each(GOLDEN_CASES.map((c) => [c.name] as const))('%s', (name) => {
    const { 'grade.json': _, ...files } = renderings(readGoldenGrade(name))
    for (const difference of compareGolden(name, files)) expect(difference.actual, difference.file).toBe(difference.expected)
  })
})
