/**
 * Text that comes from a submission (HTTP bodies, logs, file excerpts, file names), made inert for the medium it is
 * written to: it is shown, never acted on. Every renderer goes through here; nothing else escapes.
 *
 * One notation everywhere: a character a medium would act on is shown as its code, as JSON writes it (`\u001b`).
 */

// C0 controls but tab and line feed (and carriage return, each medium decides), DEL, C1 controls, and the
// bidirectional overrides and isolates that reorder what a reader sees (Trojan Source).
const ACTING = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** `\u001b` for ESC: what JSON writes, readable in every medium. */
const codeOf = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`

/** The characters a terminal or a viewer acts on, shown as their code; tab, line feed and carriage return kept. */
export function showControls(text: string): string {
  return text.replace(ACTING, codeOf)
}

/** A carriage return alone moves the cursor back over what was written: every line break becomes a line feed. */
const lineFeeds = (text: string) => text.replace(/\r\n?/g, '\n')

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim()
}

/** The second hash of `##[`: GitHub Actions runs the old `##[command]` found anywhere in a line of a step's output. */
const OLD_COMMAND = /(?<=#)#(?=\[)/g

/**
 * GitHub Actions runs `::command::` at the start of a line (leading blanks trimmed) and `##[command]` anywhere: a
 * colon, or the second hash, is escaped so that neither prefix is left.
 */
function defuseWorkflowCommands(text: string, escape: (char: string) => string): string {
  return text.replace(/^([^\S\n]*):(?=:)/gm, (_, blanks: string) => `${blanks}${escape(':')}`).replace(OLD_COMMAND, () => escape('#'))
}

/** Plain text as it is printed: the terminal, text a platform shows as is (Gradescope, PrairieLearn), code in Markdown. */
export function visibleText(text: string): string {
  return defuseWorkflowCommands(showControls(lineFeeds(text)), codeOf)
}

/** One line of visible text: line breaks become spaces. */
export const visibleLine = (text: string) => visibleText(oneLine(text))

/** The Markdown that starts a block when a line begins with it: headings, quotes, lists, fences, rules, tables, definitions. */
const BLOCK_START = [
  /^(\s{0,3})(#{1,6})(?=\s|$)/, // ATX heading
  /^(\s{0,3})(>)/, // block quote
  /^(\s{0,3})([-+*])(?=\s|$)/, // bullet list
  /^(\s{0,3}\d{1,9})([.)])(?=\s|$)/, // ordered list
  /^(\s{0,3})(=)(?==*\s*$)/, // setext heading underline
  /^(\s{0,3})([-*_])(?=(?:\s*[-*_]){2,}\s*$)/, // thematic break, setext underline
  /^(\s{0,3})(`)(?=``)/, // code fence
  /^(\s{0,3})(~)(?=~~)/, // code fence
  /^(\s{0,3})(\[)(?=[^\]]*\]:)/, // link reference or footnote definition
]

/** A line that GFM would read as a table's delimiter row (`| --- | :-: |`): its pipes are escaped. */
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-*:?\s*)*$/

function neutralizeLine(line: string): string {
  let out = line
  for (const pattern of BLOCK_START) out = out.replace(pattern, (_, lead: string, marker: string) => `${lead}\\${marker}`)
  if (out.includes('|') && DELIMITER_ROW.test(out)) out = out.replace(/\|/g, '\\|')
  return out
}

/**
 * Prose in a Markdown sheet, where a check's message quotes what it saw: shown as written, never structure. Raw HTML,
 * autolinks, links and images are escaped, a line cannot start a heading, a list, a quote, a fence or a table, and
 * control characters are shown as their code. Emphasis and the rest stay: they cannot forge a part of the sheet.
 */
export function markdownText(text: string): string {
  const escaped = showControls(lineFeeds(text))
    // GitHub would take "<none>", "<html>" for HTML and hide it.
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    // An escaped closing bracket makes no link and no image: `[regrade](http://…)` stays text.
    .replace(/\](?=\()/g, '\\]')
  return defuseWorkflowCommands(escaped.split('\n').map(neutralizeLine).join('\n'), (char) => `\\${char}`)
}

/** Inline code (CommonMark: a longer delimiter than any backtick run inside, padded when the text starts or ends with one). */
export function code(text: string): string {
  const value = visibleText(oneLine(text))
  const ticks = '`'.repeat(longestBacktickRun(value) + 1)
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${value}${pad}${ticks}`
}

/** A code block whose fence outruns every backtick run inside, so a log holding ``` cannot close it early. */
export function fence(text: string, info = 'text'): string {
  const body = visibleText(text).replace(/\s+$/, '')
  const ticks = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1))
  return `${ticks}${info}\n${body}\n${ticks}`
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length))
}

/** A table cell of the grader's own words: one line; backslashes before a pipe doubled, or `\|` would turn back into a column break. */
export function escapeCell(text: string): string {
  return oneLine(text).replace(/(\\*)\|/g, (_, slashes: string) => `${slashes}${slashes}\\|`)
}

/** A table cell or a list item that holds text from a submission or a roster (a student, a reason). */
export const markdownCell = (text: string) => escapeCell(markdownText(oneLine(text)))

/** Characters XML 1.0 cannot hold at all (lone surrogates, U+FFFE, U+FFFF), once the controls are shown. */
const NOT_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text and attribute values of XML (JUnit, whose readers print it in CI logs): visible text, markup escaped. */
export function xmlText(text: string): string {
  return visibleText(text).replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Text and attribute values of HTML and SVG. */
export const htmlText = (text: string) => xmlText(text).replace(/'/g, '&#39;')

/** A workflow command's message, as @actions/core escapes it (%, CR, LF), controls shown and no `##[` left. */
export const annotationData = (text: string) =>
  showControls(text).replace(OLD_COMMAND, codeOf).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')

/** A workflow command's property (title, file), where `:` and `,` also end the value. */
export const annotationProperty = (text: string) => annotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')

/**
 * A CSV cell: controls shown, and a cell that a spreadsheet would run as a formula — one starting with =, +, -, @, a
 * tab or a carriage return (OWASP's "CSV injection") — gets a leading apostrophe: Excel, LibreOffice and Google
 * Sheets then show it as text.
 */
export function csvCell(cell: string): string {
  const shown = showControls(cell)
  return startsLikeFormula(shown) ? `'${shown}` : shown
}

export const startsLikeFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell)

// JSON.stringify writes C0 controls as \u escapes but leaves DEL, C1 and the bidirectional controls raw.
const RAW_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g

/** JSON as JSON.stringify writes it, with no character a terminal acts on when the file is printed: the same value. */
export function inertJson(value: unknown, space: number = 2): string {
  return JSON.stringify(value, null, space).replace(RAW_IN_JSON, codeOf)
}
