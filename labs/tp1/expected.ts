import { z } from 'zod'
import type { Rubric, RubricInput, RubricSource } from '../../core/rubric/schema.js'

/** What a correct TP1 hand-in shows: the shape of TP1's expected values (rubric/tp1.ts holds them). */
export const tp1ExpectedSchema = z.object({
  /**
   * The base image the statement leaves to the student ("choose a Python base image"): any official image of this
   * repository whose Python is of this major version passes; `example` is the one a fix suggests.
   */
  baseImage: z.object({ repository: z.string().min(1), pythonMajor: z.number().int().positive(), example: z.string().min(1) }),
  postgresMajor: z.number().int().positive(),
  apiPort: z.number().int().min(1).max(65535),
  apiHost: z.string(),
  dbPort: z.number().int().min(1).max(65535),
  healthPath: z.string().startsWith('/'),
  healthBody: z.record(z.string(), z.unknown()),
  /** The working directory, when the lab pins one; absent, it is the student's choice (`WORKDIR ____`). */
  workdir: z.string().startsWith('/').optional(),
  appModule: z.string(),
  appFile: z.string(),
  pipPackages: z.array(z.string()).min(1),
  oneShotOutput: z.string(),
  db: z.object({ user: z.string(), password: z.string(), database: z.string() }),
  services: z.object({ db: z.string(), api: z.string(), apiBuildContext: z.string() }),
})

export type Expected = z.input<typeof tp1ExpectedSchema>
/** TP1's rubric: its expected values typed. */
export type Tp1Rubric = Rubric<Expected>
export type Tp1RubricInput = RubricInput<Expected>
export type Tp1RubricSource = RubricSource<Expected>

/** What a TP1 check can need, which another check provides (rubric.provides): the catalogue says each blockage. */
export type Need = 'image' | 'container' | 'stoppedContainer' | 'composeFile' | 'stack' | 'login'
