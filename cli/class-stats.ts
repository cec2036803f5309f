import type { Grade } from '../grading/grade.js'
import type { Rubric } from '../rubric/index.js'
import type { GradedStudent } from './gradebook.js'

export interface ScoreBin {
  from: number
  to: number
  count: number
}

export interface CheckPassRate {
  id: string
  title: string
  maxPoints: number
  /** Graded submissions, and those among them that earned the check's full points. */
  graded: number
  passed: number
  /** passed / graded, 0 to 1; undefined when nothing was graded. */
  rate?: number
  meanPoints?: number
}

export interface ClassSummary {
  title: string
  students: number
  graded: number
  maxScore: number
  meanScore?: number
  medianScore?: number
  histogram: ScoreBin[]
  passRates: CheckPassRate[]
  /** Listed apart, never counted as zeros. */
  ungraded: { student: string; reason: string }[]
  /** Students whose repository carried modified grader files. */
  graderModified: string[]
}

const round = (n: number) => Math.round(n * 100) / 100

/** `binCount` equal bins from 0 to maxScore; the last one holds maxScore itself. */
export function scoreHistogram(scores: readonly number[], maxScore: number, binCount = 10): ScoreBin[] {
  const width = maxScore / binCount
  const bins = Array.from({ length: binCount }, (_, i) => ({ from: round(i * width), to: round((i + 1) * width), count: 0 }))
  for (const score of scores) {
    const index = Math.min(binCount - 1, Math.max(0, Math.floor(score / width)))
    bins[index]!.count++
  }
  return bins
}

/** For each automatic check of the rubric, in rubric order: how many graded submissions earned all its points. */
export function checkPassRates(rubric: Rubric, grades: readonly Grade[]): CheckPassRate[] {
  const graded = grades.filter((g) => g.status === 'graded')
  return rubric.checks
    .filter((def) => def.mode === 'automatic')
    .map((def) => {
      const checks = graded.flatMap((g) => g.checks.filter((c) => c.id === def.id))
      const passed = checks.filter((c) => c.status === 'passed' && c.points >= c.maxPoints).length
      const stats = checks.length
        ? { rate: passed / checks.length, meanPoints: round(checks.reduce((s, c) => s + c.points, 0) / checks.length) }
        : {}
      return { id: def.id, title: def.title, maxPoints: def.points, graded: checks.length, passed, ...stats }
    })
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : round((sorted[middle - 1]! + sorted[middle]!) / 2)
}

export function summarizeClass(rubric: Rubric, students: readonly GradedStudent[]): ClassSummary {
  const graded = students.filter((s) => s.grade.status === 'graded')
  const scores = graded.map((s) => s.grade.score)
  const ungraded = students
    .filter((s) => s.grade.status === 'ungraded')
    .map(({ student, grade, reason }) => ({ student, reason: reason ?? grade.checks.find((c) => c.status === 'ungraded')?.message ?? 'no reason recorded' }))
    .sort((a, b) => (a.student < b.student ? -1 : 1))
  const medianScore = median(scores)
  return {
    graderModified: students.filter((s) => s.graderModified).map((s) => s.student).sort(),
    title: rubric.title,
    students: students.length,
    graded: graded.length,
    maxScore: rubric.totalPoints,
    ...(scores.length ? { meanScore: round(scores.reduce((s, x) => s + x, 0) / scores.length) } : {}),
    ...(medianScore !== undefined ? { medianScore } : {}),
    histogram: scoreHistogram(scores, rubric.totalPoints),
    passRates: checkPassRates(rubric, students.map((s) => s.grade)),
    ungraded,
  }
}
