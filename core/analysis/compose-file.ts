import { parseDocument } from 'yaml'
import type { YAMLError } from 'yaml'

/** A line of the student's file, to quote: its 1-based number and its text (without the line end). */
export interface QuotedLine {
  line: number
  text: string
}

/**
 * Why a Compose file is not YAML, as a beginner can fix it (the catalogue's `compose.yaml` says it). `unreadable`:
 * it parses but cannot be read (an alias to no anchor; `reason` is the yaml library's). `tab`: a line indented with a
 * tab, the first of `tabLines` such lines. Otherwise the yaml library's first error (`yamlSays`, its message), at
 * `line`, with the lines to quote and `cause`, what the likely fix is about; `tabLine`: a later line is indented with
 * a tab too.
 */
export type YamlProblem =
  | { kind: 'unreadable'; reason: string }
  | { kind: 'tab'; line: number; tabLines: number; quoted: QuotedLine }
  | { kind: 'duplicate'; key: string | undefined; line: number; earlier: number | undefined; quoted: QuotedLine[]; tabLine?: number }
  | {
    kind: 'syntax'
    cause: 'indent' | 'missing-char' | 'multiple-docs' | 'bad-escape' | 'other'
    line: number
    column: number
    yamlSays: string
    quoted: QuotedLine[]
    tabLine?: number
  }

/** `log`: the yaml library's own message, for the sheet's log; `line` and `column`: where the problem is. */
export type ComposeParseResult =
  | { ok: true; data: unknown }
  | { ok: false; problem: YamlProblem; log?: string; line?: number; column?: number }

const CAUSES: Record<string, Extract<YamlProblem, { kind: 'syntax' }>['cause']> = {
  BAD_INDENT: 'indent',
  BLOCK_AS_IMPLICIT_KEY: 'indent',
  MULTILINE_IMPLICIT_KEY: 'indent',
  MISSING_CHAR: 'missing-char',
  MULTIPLE_DOCS: 'multiple-docs',
  BAD_DQ_ESCAPE: 'bad-escape',
}

/** Parses a Compose file's YAML; on failure finds the first error a beginner can fix, with the lines to quote. */
export function parseComposeYaml(text: string): ComposeParseResult {
  const doc = parseDocument(text, { prettyErrors: true })
  const lines = text.split(/\r?\n/)
  const quote = (line: number): QuotedLine => ({ line, text: (lines[line - 1] ?? '').trimEnd() })
  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])
  const first = errors[0]
  if (!first) {
    try {
      return { ok: true, data: doc.toJS() }
    } catch (e) {
      return { ok: false, problem: { kind: 'unreadable', reason: e instanceof Error ? e.message : String(e) } }
    }
  }

  // A tab cascades into other errors (sometimes reported on later lines), so name the first tab-indented line ourselves.
  const scanned = lines.flatMap((l, i) => (/^[ ]*\t[ \t]*[^\s#]/.test(l) ? [i + 1] : []))
  const tabLines = [...new Set([...scanned, ...errors.filter((e) => e.code === 'TAB_AS_INDENT').map(lineOf)])].sort((a, b) => a - b)
  const reported = lineOf(first)
  const tabLine = tabLines[0]
  if (tabLine !== undefined && tabLine <= reported) {
    return {
      ok: false,
      problem: { kind: 'tab', line: tabLine, tabLines: tabLines.length, quoted: quote(tabLine) },
      log: first.message,
      line: tabLine,
      column: (lines[tabLine - 1] ?? '').indexOf('\t') + 1,
    }
  }

  // yaml often reports an unclosed quote or bracket on the blank line after it.
  const firstLine = /\S/.test(lines[reported - 1] ?? '') ? reported : previousContentLine(lines, reported) ?? reported
  const column = firstLine === reported ? first.linePos?.[0].col ?? 1 : 1
  const alsoTab = tabLine === undefined ? {} : { tabLine }
  const failure = (problem: YamlProblem): ComposeParseResult => ({ ok: false, problem, log: first.message, line: firstLine, column })
  const quoted = (...at: (number | undefined)[]) => at.flatMap((l) => (l ? [quote(l)] : []))

  if (first.code === 'DUPLICATE_KEY') {
    const key = keyAt(lines[firstLine - 1] ?? '', column - 1)
    const earlier = key === undefined ? undefined : earlierKeyLine(lines, firstLine, column - 1, key)
    return failure({ kind: 'duplicate', key, line: firstLine, earlier, quoted: quoted(earlier, firstLine), ...alsoTab })
  }
  const cause = CAUSES[first.code] ?? 'other'
  const yamlSays = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
  return failure({
    kind: 'syntax', cause, line: firstLine, column, yamlSays,
    quoted: cause === 'indent' ? quoted(previousContentLine(lines, firstLine), firstLine) : [quote(firstLine)],
    ...alsoTab,
  })
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
