import type { Grade } from '../grading/grade.js'
import type { CheckStatus } from '../grading/verdict.js'
import { isLost } from '../../reporters/format.js'
import type { Rubric } from '../run/index.js'
import { byStudentId, chosenBy, finalScore, reviewState, studentStatus, type GradedStudent, type StudentStatus } from './gradebook.js'
import { roundPoints } from '../grading/points.js'

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

/** A check a student did not earn in full: how many points it cost, and why (failed, blocked…). */
export interface LostCheck {
  id: string
  lost: number
  status: CheckStatus
}

/** One row of "who failed what": a student's status, score, commit and the checks that cost them points. */
export interface StudentLine {
  student: string
  status: StudentStatus
  /** Graded runs only. */
  score?: number
  commit?: string
  commitDate?: string
  /** A grade sheet was written (graded and ungraded runs; not a missed deadline). */
  hasSheet: boolean
  /** Graded runs only, rubric order. */
  lost: LostCheck[]
  reviewPending: boolean
  /** Why it is ungraded, or what was committed after the deadline. */
  note?: string
  /** A graded hand-in after the deadline: how late, the penalty, the score less it. */
  late?: { seconds: number; withinGrace: boolean; penaltyPercent: number; finalScore: number }
  /** Which rule chose the commit (gradebook's chosen_by), when one did. */
  chosenBy?: string
}

/** For one check: the graded students who did not earn it in full, sorted by id. */
export interface CheckLosers {
  id: string
  title: string
  maxPoints: number
  students: { student: string; points: number; status: CheckStatus }[]
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
  /** Nothing committed at or before the deadline: listed apart, neither zeros nor ungraded. */
  missedDeadline: { student: string; deadline: string; latestCommitDate?: string }[]
  /** The deadlines that chose commits (one, unless shards were graded with different ones). */
  deadlines: string[]
  /** Graded hand-ins after their deadline (within the grace or penalised). */
  late: number
  /** Who failed what: one line per student, sorted by id. */
  lines: StudentLine[]
  /** For each check some graded student did not earn in full, rubric order. */
  losers: CheckLosers[]
}


/** `binCount` equal bins from 0 to maxScore; the last one holds maxScore itself. */
export function scoreHistogram(scores: readonly number[], maxScore: number, binCount = 10): ScoreBin[] {
  const width = maxScore / binCount
  const bins = Array.from({ length: binCount }, (_, i) => ({ from: roundPoints(i * width), to: roundPoints((i + 1) * width), count: 0 }))
  for (const score of scores) {
    const index = Math.min(binCount - 1, Math.max(0, Math.floor(score / width)))
    bins[index]!.count++
  }
  return bins
}

/** For each check of the rubric, in rubric order: how many graded submissions earned all its points. */
export function checkPassRates(rubric: Rubric, grades: readonly Grade[]): CheckPassRate[] {
  const graded = grades.filter((g) => g.status === 'graded')
  return rubric.checks
    .map((def) => {
      const checks = graded.flatMap((g) => g.checks.filter((c) => c.id === def.id))
      const passed = checks.filter((c) => c.status === 'passed' && c.points >= c.maxPoints).length
      const stats = checks.length
        ? { rate: passed / checks.length, meanPoints: roundPoints(checks.reduce((s, c) => s + c.points, 0) / checks.length) }
        : {}
      return { id: def.id, title: def.title, maxPoints: def.points, graded: checks.length, passed, ...stats }
    })
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : roundPoints((sorted[middle - 1]! + sorted[middle]!) / 2)
}

export function summarizeClass(rubric: Rubric, students: readonly GradedStudent[]): ClassSummary {
  const grades = students.flatMap((s) => (s.grade ? [s.grade] : []))
  const graded = grades.filter((g) => g.status === 'graded')
  const scores = graded.map((g) => g.score)
  const sorted = [...students].sort(byStudentId)
  const ungraded = sorted.filter((s) => studentStatus(s) === 'ungraded').map((s) => ({ student: s.student, reason: ungradedReason(s) }))
  const missedDeadline = sorted.flatMap((s) =>
    s.missedDeadline ? [{ student: s.student, deadline: s.missedDeadline.deadline, ...(s.missedDeadline.latest ? { latestCommitDate: s.missedDeadline.latest.date } : {}) }] : [],
  )
  const deadlines = [...new Set(students.flatMap((s) => deadlineOf(s) ?? []))].sort()
  const medianScore = median(scores)
  return {
    graderModified: students.filter((s) => s.graderModified).map((s) => s.student).sort(),
    title: rubric.title,
    students: students.length,
    graded: graded.length,
    maxScore: rubric.totalPoints,
    ...(scores.length ? { meanScore: roundPoints(scores.reduce((s, x) => s + x, 0) / scores.length) } : {}),
    ...(medianScore !== undefined ? { medianScore } : {}),
    histogram: scoreHistogram(scores, rubric.totalPoints),
    passRates: checkPassRates(rubric, grades),
    ungraded,
    missedDeadline,
    deadlines,
    late: sorted.filter((s) => s.grade?.status === 'graded' && s.handIn?.lateSeconds).length,
    lines: sorted.map(studentLine),
    losers: checkLosers(rubric, sorted),
  }
}

const deadlineOf = (s: GradedStudent) => s.deadline ?? s.missedDeadline?.deadline

const ungradedReason = (s: GradedStudent) => s.reason ?? s.grade?.checks.find((c) => c.status === 'ungraded')?.message ?? 'no reason recorded'

function studentLine(s: GradedStudent): StudentLine {
  const status = studentStatus(s)
  const grade = s.grade
  const lost = status === 'graded' ? grade!.checks.filter(isLost).map((c) => ({ id: c.id, lost: roundPoints(c.maxPoints - c.points), status: c.status })) : []
  const note = status === 'ungraded' ? ungradedReason(s) : s.missedDeadline ? latestNote(s.missedDeadline.latest?.date) : undefined
  const commit = s.commit ?? grade?.submission.commit
  return {
    student: s.student,
    status,
    ...(status === 'graded' ? { score: grade!.score } : {}),
    ...(commit ? { commit } : {}),
    ...(s.commitDate ? { commitDate: s.commitDate } : {}),
    hasSheet: grade !== undefined,
    lost,
    reviewPending: grade !== undefined && reviewState(grade) === 'pending',
    ...(note ? { note } : {}),
    ...(status === 'graded' && s.handIn?.lateSeconds
      ? { late: { seconds: s.handIn.lateSeconds, withinGrace: Boolean(s.handIn.withinGrace), penaltyPercent: s.handIn.penaltyPercent ?? 0, finalScore: finalScore(grade!, s.handIn) } }
      : {}),
    ...(s.handIn ? { chosenBy: chosenBy(s.handIn) } : {}),
  }
}

const latestNote = (date: string | undefined) => (date ? `latest commit ${date}, after the deadline` : 'no commit at all')

/** Rubric order; within a check, the students by id. Graded runs only, as for the pass rates. */
export function checkLosers(rubric: Rubric, students: readonly GradedStudent[]): CheckLosers[] {
  return rubric.checks.flatMap((def) => {
    const losers = students.flatMap((s) => {
      const check = s.grade?.status === 'graded' ? s.grade.checks.find((c) => c.id === def.id) : undefined
      return check && isLost(check) ? [{ student: s.student, points: check.points, status: check.status }] : []
    })
    return losers.length ? [{ id: def.id, title: def.title, maxPoints: def.points, students: losers.sort(byStudentId) }] : []
  })
}
