import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from './fixtures.js'

const referencesDir = path.join(projectRoot, 'test', 'references')

/** Every file of every reference hand-in, by path from the project's root. */
export function referenceFiles(dir = referencesDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    return entry.isDirectory() ? referenceFiles(file) : [path.relative(projectRoot, file)]
  })
}

/**
 * The sentences the reference hand-ins' reports answer with (their prose: no code block, no heading), each of eight
 * words or more, so that a word the statement or the grader's messages share with them is not one.
 */
export function referenceSentences(): string[] {
  const reports = referenceFiles().filter((file) => file.endsWith('.md'))
  const sentences = reports.flatMap((file) =>
    readFileSync(path.join(projectRoot, file), 'utf8')
      .replace(/```[\s\S]*?```/g, '\n')
      .split('\n')
      .filter((line) => !line.startsWith('#') && !line.startsWith('!['))
      .join('\n')
      .split(/(?<=[.!?…:;])\s+|\n+/)
      .map((s) => s.replace(/^[\s>*-]+|\s+$/g, ''))
      .filter((s) => s.split(/\s+/).length >= 8))
  return [...new Set(sentences)]
}

/** The reference sentences a text holds. */
export function sentencesIn(text: string, sentences = referenceSentences()): string[] {
  return sentences.filter((s) => text.includes(s))
}
