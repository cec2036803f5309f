/**
 * One difference between a file pasted in the report and the submitted one (the catalogue's report.difference says
 * it): a side empty, the indentation (tabs on one side, spaces on the other), a line changed, missing or extra, and
 * how many more were not shown. Line numbers are the file's; texts are the lines as written.
 */
export type CodeDifference =
  | { kind: 'report-empty' | 'file-empty' | 'report-tabs' | 'file-tabs' }
  | { kind: 'changed'; line: number; report: string; file: string }
  | { kind: 'not-in-report'; line: number; file: string }
  | { kind: 'not-in-file'; afterLine: number; report: string }
  | { kind: 'more'; count: number }
export interface CodeComparison { same: boolean; differences: CodeDifference[] }

interface Line { n: number; text: string }
type Op = { kind: 'same' | 'report' | 'file'; line: Line }

const MAX_SHOWN = 3
// Beyond this many cells the LCS table is skipped and lines are compared in order.
const MAX_CELLS = 4_000_000

// Trailing whitespace and blank lines are noise from copy-pasting into Markdown.
const contentLines = (text: string): Line[] =>
  text.replace(/\r\n?/g, '\n').split('\n').map((t, i) => ({ n: i + 1, text: t.trimEnd() })).filter((l) => l.text !== '')
const tabIndented = (lines: Line[]) => lines.some((l) => /^ *\t/.test(l.text))
const spaceIndented = (lines: Line[]) => lines.some((l) => /^ +\S/.test(l.text))
const indentUnit = (lines: Line[]) => Math.min(4, ...lines.map((l) => /^ */.exec(l.text)![0].length).filter((n) => n > 0))
const expandTabs = (lines: Line[], unit: number): Line[] =>
  lines.map((l) => ({ ...l, text: l.text.replace(/^[ \t]+/, (ws) => ws.replace(/\t/g, ' '.repeat(unit))) }))

/** Compares a file pasted in the report with the submitted file; line numbers in differences are the file's. */
export function compareCode(pasted: string, submitted: string): CodeComparison {
  let report = contentLines(pasted)
  let file = contentLines(submitted)
  if (report.length === 0) return { same: false, differences: [{ kind: 'report-empty' }] }
  if (file.length === 0) return { same: false, differences: [{ kind: 'file-empty' }] }
  const differences: CodeDifference[] = []
  // One note instead of one difference per indented line; the rest is then compared with tabs expanded.
  if (tabIndented(report) && !tabIndented(file) && spaceIndented(file)) {
    differences.push({ kind: 'report-tabs' })
    report = expandTabs(report, indentUnit(file))
  } else if (tabIndented(file) && !tabIndented(report) && spaceIndented(report)) {
    differences.push({ kind: 'file-tabs' })
    file = expandTabs(file, indentUnit(report))
  }
  const lines = describe(diff(report, file))
  differences.push(...lines.slice(0, MAX_SHOWN))
  if (lines.length > MAX_SHOWN) differences.push({ kind: 'more', count: lines.length - MAX_SHOWN })
  return { same: differences.length === 0, differences }
}

/**
 * The side indented with tabs when a pasted copy differs from the file by its indentation alone (it then gets a
 * remark, not a difference); undefined when the differences are real.
 */
export function tabsOnly(differences: readonly CodeDifference[]): 'report' | 'file' | undefined {
  if (differences.length !== 1) return undefined
  if (differences[0]!.kind === 'report-tabs') return 'report'
  if (differences[0]!.kind === 'file-tabs') return 'file'
  return undefined
}

// Pairs each run of report-only lines with the file-only lines next to it, as replacements.
function describe(ops: Op[]): CodeDifference[] {
  const out: CodeDifference[] = []
  let lastFileLine = 0
  for (let i = 0; i < ops.length;) {
    if (ops[i]!.kind === 'same') {
      lastFileLine = ops[i++]!.line.n
      continue
    }
    const reportRun: Line[] = []
    const fileRun: Line[] = []
    for (; i < ops.length && ops[i]!.kind !== 'same'; i++) (ops[i]!.kind === 'report' ? reportRun : fileRun).push(ops[i]!.line)
    for (let k = 0; k < Math.max(reportRun.length, fileRun.length); k++) {
      const [r, f] = [reportRun[k], fileRun[k]]
      if (r && f) out.push({ kind: 'changed', line: f.n, report: r.text, file: f.text })
      else if (f) out.push({ kind: 'not-in-report', line: f.n, file: f.text })
      else if (r) out.push({ kind: 'not-in-file', afterLine: fileRun.at(-1)?.n ?? lastFileLine, report: r.text })
    }
    lastFileLine = fileRun.at(-1)?.n ?? lastFileLine
  }
  return out
}

function diff(a: Line[], b: Line[]): Op[] {
  const ops: Op[] = []
  if (a.length * b.length > MAX_CELLS) {
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      const [x, y] = [a[k], b[k]]
      if (x && y && x.text === y.text) ops.push({ kind: 'same', line: y })
      else ops.push(...(x ? [{ kind: 'report' as const, line: x }] : []), ...(y ? [{ kind: 'file' as const, line: y }] : []))
    }
    return ops
  }
  const w = b.length + 1
  const lcs = new Uint32Array((a.length + 1) * w)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i]!.text === b[j]!.text ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!)
    }
  }
  let [i, j] = [0, 0]
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i]!.text === b[j]!.text) {
      ops.push({ kind: 'same', line: b[j]! })
      i++
      j++
    } else if (j < b.length && (i === a.length || lcs[i * w + j + 1]! >= lcs[(i + 1) * w + j]!)) ops.push({ kind: 'file', line: b[j++]! })
    else ops.push({ kind: 'report', line: a[i++]! })
  }
  return ops
}
