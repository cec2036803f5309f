import type { z } from 'zod'
import type { Language } from '../grading/languages.js'
import type { RubricSource } from './schema.js'

/** A lab's titles in one language: the sheet's title, each check's, and each part's (by check id, then item id). */
export interface LabTitles<E> {
  title: string
  checks: (expected: E) => Record<string, string>
  items?: (expected: E) => Record<string, Record<string, string>>
}

/**
 * A lab's own words in one language: `rubric`, its titles, and the sections its specs and analyses speak with (a
 * section may carry the titles of its checks too: `titles: (expected) => ({ id: title })`).
 */
export interface LabWords<E> {
  rubric: LabTitles<E>
}

/**
 * A lab, as `labs/<name>/lab.ts` exports it and the lab list (labs/index.ts) names it: its rubric (points, expected
 * values, layout, report), the schema of its expected values, and its words in every language. The core grades it
 * knowing nothing else of it; the lab's specs (labs/<name>/specs/) observe what it checks.
 */
export interface LabDefinition<E = unknown, W extends LabWords<E> = LabWords<E>> {
  /** Its folder's name under labs/, and the value of GRADER_LAB that chooses it. */
  name: string
  rubric: RubricSource<E>
  expected: z.ZodType<E>
  words: Readonly<Record<Language, W>>
}

/** A lab's definition, typed by its expected values and its words. */
export function defineLab<E, W extends LabWords<E>>(lab: LabDefinition<E, W>): LabDefinition<E, W> {
  return lab
}

/** The labs this grader knows, by name: the lab list, labs/index.ts, read when a run is loaded (never as the core is imported). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each lab has its own expected values and words
export type LabList = Readonly<Record<string, LabDefinition<any, any>>>
