import { describe, expect, it } from 'vitest'
import { exerciseStatus, formatPoints, formatSeconds, groupByExercise, isLost, oneLine } from './format.js'
import { sampleGrade } from './grade-fixture.js'

describe('formatPoints', () => {
  it('drops trailing zeros and float noise', () => {
    expect(formatPoints(80)).toBe('80')
    expect(formatPoints(97.5)).toBe('97.5')
    expect(formatPoints(0.1 + 0.2)).toBe('0.3')
    expect(formatPoints(0)).toBe('0')
  })
})

describe('formatSeconds', () => {
  it('keeps at most one decimal', () => {
    expect(formatSeconds(42_345)).toBe('42.3')
    expect(formatSeconds(3000)).toBe('3')
  })
})

describe('oneLine', () => {
  it('joins lines with single spaces', () => {
    expect(oneLine(' a\r\n  b\n\nc ')).toBe('a b c')
  })
})

describe('groupByExercise', () => {
  it('groups in exercise order with subtotals', () => {
    const groups = groupByExercise(sampleGrade().checks)
    expect(groups.map((g) => [g.exercise, g.points, g.maxPoints])).toEqual([
      [1, 0, 0],
      [3, 6.5, 20],
      [4, 3, 11],
    ])
    expect(groups.map(exerciseStatus)).toEqual(['passed', 'failed', 'ungraded'])
  })
})

describe('isLost', () => {
  it('counts failed, blocked, ungraded and partial checks, not manual or full passes', () => {
    const lost = sampleGrade().checks.filter(isLost).map((c) => c.id)
    expect(lost).toEqual(['ex3.dockerfile', 'ex3.build', 'ex3.image', 'ex4.health'])
  })
})
