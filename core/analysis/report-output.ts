import type { OutputFact } from '../rubric/schema.js'
import { isCommand, normalise } from './report-markers.js'

export type { OutputFact } from '../rubric/schema.js'

/** A block of the report that may hold a command's output: a code block, or a quoted block (`> …`). */
export interface PastedBlock { line: number; text: string; kind: 'code' | 'quote' }

/**
 * Whether a screenshot question's section shows, as text, the output its command prints (the rubric's `output`).
 * shown: every fact is in the blocks' output (`blocks`: those that show one); command-only: its blocks hold only the
 * commands to type, no output; lacks: output is there, but not these facts; none: no block at all.
 */
export type OutputEvidence =
  | { shown: true; blocks: PastedBlock[] }
  | { shown: false; reason: 'none' | 'command-only' }
  | { shown: false; reason: 'lacks'; missing: OutputFact[] }

// A pasted output is read up to this many characters: what proves it is near the top, and the scan stays linear.
const MAX_OUTPUT_CHARS = 64 * 1024
const PROMPT = /^(?:\$|#|>|PS [^>]*>|[\w.-]+@[\w.-]+:\S*[$#]|[a-z]:\\[^>]*>)\s*$/i
// psql's prompt ("demo=#", "demo=>", "demo-#" on a continued line), before the query typed after it.
const PSQL_PROMPT = /^\s*[\w-]+[=-][#>]\s*/

/** What of a block is output: its lines without the commands typed (and the bare prompts), as a terminal shows them. */
export function outputOf(block: string): string {
  return block
    .slice(0, MAX_OUTPUT_CHARS)
    .split('\n')
    .filter((line) => line.trim() !== '' && !isCommand(line) && !isCommand(line.replace(PSQL_PROMPT, '')) && !PROMPT.test(line.trim()))
    .join('\n')
}

/** Whether a pasted output (outputOf a block) shows one fact. */
export function showsFact(output: string, fact: OutputFact): boolean {
  if ('json' in fact) return jsonObjectsIn(output).some((object) => holds(object, fact.json))
  const lines = output.split('\n')
  if ('text' in fact) {
    const texts = fact.text.map(normalise)
    return lines.some((line) => texts.some((t) => normalise(line).includes(t)))
  }
  if ('version' in fact) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(fact.version.name)}\\s+v?${fact.version.major}(?![\\d])`, 'iu')
    return lines.some((line) => re.test(line))
  }
  if ('cell' in fact) {
    const value = fact.cell.toLowerCase()
    return lines.some((line) => line.split('|').some((cell) => cell.trim().toLowerCase() === value))
  }
  return fact.running.every((service) => lines.some((line) => namesService(line, service) && RUNNING.test(line)))
}

// `docker compose ps` (STATUS "Up 2 minutes", "running"), `docker compose up -d` ("Started", "Running"), Compose v1
// ("done"), and the services' own logs of an attached `compose up` ("db-1 | … ready to accept connections", "api-1 | … Uvicorn running").
const RUNNING = /(?<![\p{L}\p{N}])(?:up|running|started|healthy|done|ready)(?![\p{L}\p{N}])/iu

// A service's name as a word of the line, or as a part of a container's name ("tp1-db-1", "tp1_api_1").
function namesService(line: string, service: string): boolean {
  const name = service.toLowerCase()
  return line.toLowerCase().split(/\s+/).some((word) => word.split(/[-_]/).includes(name) || word === name)
}

/** Decides whether the blocks of a section show the output the question asks for (every fact, in any of the blocks). */
export function pastedOutputEvidence(blocks: readonly PastedBlock[], facts: readonly OutputFact[]): OutputEvidence {
  if (blocks.length === 0) return { shown: false, reason: 'none' }
  const outputs = blocks.map((block) => ({ block, output: outputOf(block.text) })).filter((b) => b.output !== '')
  if (outputs.length === 0) return { shown: false, reason: 'command-only' }
  const missing = facts.filter((fact) => !outputs.some((b) => showsFact(b.output, fact)))
  if (missing.length) return { shown: false, reason: 'lacks', missing }
  return { shown: true, blocks: outputs.filter((b) => facts.some((fact) => showsFact(b.output, fact))).map((b) => b.block) }
}

/** The first line of output of a block, for the sheet. */
export const firstOutputLine = (block: PastedBlock): string => outputOf(block.text).split('\n')[0]!.trim()

// Every JSON object of a text: scanned once for balanced braces (strings respected), each candidate parsed.
function jsonObjectsIn(text: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  for (const piece of [text, ...text.split('\n')]) {
    let depth = 0
    let start = -1
    let inString = false
    for (let i = 0; i < piece.length; i++) {
      const c = piece[i]
      if (inString) {
        if (c === '\\') i++
        else if (c === '"') inString = false
      } else if (c === '"' && depth > 0) inString = true
      else if (c === '{') {
        if (depth++ === 0) start = i
      } else if (c === '}' && depth > 0 && --depth === 0) {
        try {
          const value: unknown = JSON.parse(piece.slice(start, i + 1))
          if (value && typeof value === 'object' && !Array.isArray(value)) found.push(value as Record<string, unknown>)
        } catch {}
      }
    }
  }
  return found
}

const holds = (object: Record<string, unknown>, entries: Record<string, unknown>) =>
  Object.entries(entries).every(([key, value]) => JSON.stringify(object[key]) === JSON.stringify(value))

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
