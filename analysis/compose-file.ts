import { parseDocument } from 'yaml'
import type { YAMLError } from 'yaml'
import type { Feedback } from '../grading/verdict.js'
import { currentRun } from '../rubric/index.js'

const { messages } = currentRun()

export type ComposeParseResult =
  | { ok: true; data: unknown }
  | { ok: false; message: string; feedback: Feedback; line?: number; column?: number }

const t = messages.compose.yaml

/** Parses a Compose file's YAML; on failure explains the first error for a beginner, with its line quoted. */
export function parseComposeYaml(text: string, fileName: string): ComposeParseResult {
  const doc = parseDocument(text, { prettyErrors: true })
  const lines = text.split(/\r?\n/)
  const quote = (line: number) => t.quote(line, (lines[line - 1] ?? '').trimEnd())
  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])
  const first = errors[0]
  if (!first) {
    try {
      return { ok: true, data: doc.toJS() }
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e)
      return { ok: false, message: t.invalid(fileName, reason), feedback: { expected: t.expected, seen: reason, fix: t.aliasFix } }
    }
  }

  // A tab cascades into other errors (sometimes reported on later lines), so name the first tab-indented line ourselves.
  const scanned = lines.flatMap((l, i) => (/^[ ]*\t[ \t]*[^\s#]/.test(l) ? [i + 1] : []))
  const tabLines = [...new Set([...scanned, ...errors.filter((e) => e.code === 'TAB_AS_INDENT').map(lineOf)])].sort((a, b) => a - b)
  const reported = lineOf(first)
  const tabLine = tabLines[0]
  if (tabLine !== undefined && tabLine <= reported) {
    return {
      ok: false, line: tabLine, column: (lines[tabLine - 1] ?? '').indexOf('\t') + 1,
      message: t.tab.message(fileName, tabLine, tabLines.length),
      feedback: {
        expected: t.tab.expected, seen: t.tab.seen(quote(tabLine).replace(/\t/g, '→')),
        fix: t.tab.fix, log: first.message,
      },
    }
  }

  // yaml often reports an unclosed quote or bracket on the blank line after it.
  const firstLine = /\S/.test(lines[reported - 1] ?? '') ? reported : previousContentLine(lines, reported) ?? reported
  const column = firstLine === reported ? first.linePos?.[0].col ?? 1 : 1
  const alsoTabs = tabLine === undefined ? '' : t.tab.also(tabLine)
  const yamlSays = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
  const fail = (message: string, seen: string, fix: string): ComposeParseResult =>
    ({ ok: false, line: firstLine, column, message, feedback: { expected: t.expected, seen, fix: fix + alsoTabs, log: first.message } })

  if (first.code === 'DUPLICATE_KEY') {
    const key = keyAt(lines[firstLine - 1] ?? '', column - 1)
    const earlier = key === undefined ? undefined : earlierKeyLine(lines, firstLine, column - 1, key)
    return fail(t.duplicate.message(fileName, key, firstLine, earlier),
      [earlier, firstLine].flatMap((l) => (l ? [quote(l)] : [])).join('\n'),
      t.duplicate.fix)
  }
  if (first.code === 'BAD_INDENT' || first.code === 'BLOCK_AS_IMPLICIT_KEY' || first.code === 'MULTILINE_IMPLICIT_KEY') {
    const prev = previousContentLine(lines, firstLine)
    return fail(t.invalidAt(fileName, firstLine, column, yamlSays),
      [prev, firstLine].flatMap((l) => (l ? [quote(l)] : [])).join('\n'),
      t.indentFix(firstLine))
  }
  const fixes: Record<string, string> = {
    MISSING_CHAR: t.missingChar(firstLine),
    MULTIPLE_DOCS: t.multipleDocs,
    BAD_DQ_ESCAPE: t.badEscape(firstLine),
  }
  return fail(t.invalidAt(fileName, firstLine, column, yamlSays), quote(firstLine), fixes[first.code] ?? t.otherFix(firstLine))
}

/** The first 1-based line of text matching needle, for annotations. */
export function findLine(text: string, needle: RegExp | string): number | undefined {
  const re = typeof needle === 'string' ? undefined : new RegExp(needle.source, needle.flags.replace(/[gy]/g, ''))
  const index = text.split(/\r?\n/).findIndex((l) => (re ? re.test(l) : l.includes(needle as string)))
  return index < 0 ? undefined : index + 1
}

const lineOf = (e: YAMLError): number => e.linePos?.[0].line ?? 1

function keyAt(line: string, col: number): string | undefined {
  return /^("[^"]*"|'[^']*'|[^:#]+?)\s*:(\s|$)/.exec(line.slice(col))?.[1]
}

const keyColumn = (line: string): number => /^[ ]*(?:-[ ]+)*/.exec(line)![0].length

// Walks up the block that holds the duplicate; a line indented less than the key (other than a "- " item) closes it.
function earlierKeyLine(lines: string[], line: number, col: number, key: string): number | undefined {
  for (let l = line - 1; l >= 1; l--) {
    const text = lines[l - 1] ?? ''
    if (/^\s*(#|$)/.test(text)) continue
    if (keyColumn(text) === col && keyAt(text, col) === key) return l
    if (/^[ ]*/.exec(text)![0].length < col && keyColumn(text) !== col) return undefined
  }
  return undefined
}

function previousContentLine(lines: string[], line: number): number | undefined {
  for (let l = line - 1; l >= 1; l--) if (!/^\s*(#|$)/.test(lines[l - 1] ?? '')) return l
  return undefined
}
