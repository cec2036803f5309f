import { describe, expect, it } from 'vitest'
import { inShard, parseShard } from './shard.js'

const students = ['eve', 'alice', 'dave', 'bob', 'carol'].map((student) => ({ student }))
const ids = (items: { student: string }[]) => items.map((i) => i.student)

describe('shards', () => {
  it('parses i/n and refuses anything else with the value', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 })
    for (const bad of ['0/2', '3/2', '1/0', '1-2', 'a/b', '']) expect(() => parseShard(bad), bad).toThrow(/is not a slice/)
  })

  it('deals the students sorted by id: slices are disjoint, cover the class, and do not depend on input order', () => {
    const slices = [1, 2].map((index) => ids(inShard(students, { index, count: 2 })))
    expect(slices).toEqual([['alice', 'carol', 'eve'], ['bob', 'dave']])
    expect(ids(inShard([...students].reverse(), { index: 1, count: 2 }))).toEqual(slices[0])
    expect(ids(inShard(students, undefined))).toEqual(['alice', 'bob', 'carol', 'dave', 'eve'])
  })

  it('a slice may be empty when there are more shards than students', () => {
    expect(inShard(students, { index: 7, count: 7 })).toEqual([])
  })
})
