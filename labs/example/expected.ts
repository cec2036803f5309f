import { z } from 'zod'
import type { Rubric, RubricSource } from '../../core/rubric/schema.js'

/** What a correct hand-in of the example lab shows: the shape of its expected values (rubric.ts holds them). */
export const exampleExpectedSchema = z.object({
  /** The port the site listens on in its container, declared by EXPOSE and published by Compose. */
  port: z.number().int().min(1).max(65535),
  /** A sentence the site's page shows. */
  greeting: z.string().min(1),
  /** The Compose services: the site, built from the Dockerfile, and the backend it reaches by its service name. */
  services: z.object({ web: z.string().min(1), backend: z.string().min(1) }),
  /** What the backend answers, and where: GET http://<backend>:<backendPort><backendPath>. */
  backendPort: z.number().int().min(1).max(65535),
  backendPath: z.string().startsWith('/'),
  backendAnswer: z.string().min(1),
})

export type Expected = z.input<typeof exampleExpectedSchema>
export type ExampleRubric = Rubric<Expected>
export type ExampleRubricSource = RubricSource<Expected>

/** What an example check can need, which another check provides (rubric.provides). */
export type Need = 'image' | 'composeFile' | 'stack'
