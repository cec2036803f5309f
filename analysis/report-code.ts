import { currentRun } from '../rubric/index.js'

const { messages } = currentRun()

export interface CodeComparison { same: boolean; differences: string[] }

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
const quote = (s: string) => `\`${s.length > 70 ? `${s.slice(0, 67)}...` : s}\``

/** Compares a file pasted in the report with the submitted file; line numbers in differences are the file's. */
export function compareCode(pasted: string, submitted: string): CodeComparison {
  const t = messages.report.code
  let report = contentLines(pasted)
  let file = contentLines(submitted)
  if (report.length === 0) return { same: false, differences: [t.reportEmpty] }
  if (file.length === 0) return { same: false, differences: [t.fileEmpty] }
  const differences: string[] = []
  // One note instead of one difference per indented line; the rest is then compared with tabs expanded.
  if (tabIndented(report) && !tabIndented(file) && spaceIndented(file)) {
    differences.push(t.reportTabs)
    report = expandTabs(report, indentUnit(file))
  } else if (tabIndented(file) && !tabIndented(report) && spaceIndented(report)) {
    differences.push(t.fileTabs)
    file = expandTabs(file, indentUnit(report))
  }
  const lines = describe(diff(report, file))
  differences.push(...lines.slice(0, MAX_SHOWN))
  if (lines.length > MAX_SHOWN) differences.push(t.more(lines.length - MAX_SHOWN))
  return { same: differences.length === 0, differences }
}

/**
 * A pasted copy that differs from the file only by its indentation (tabs on one side, spaces on the other) gets a
 * remark, not a difference: the remark, or undefined when the differences are real.
 */
export function indentationRemark(file: string, question: string, differences: readonly string[]): string | undefined {
  const { code, pasted } = messages.report
  if (differences.length !== 1) return undefined
  if (differences[0] === code.reportTabs) return pasted.reportTabsOnly(file, question, /\.ya?ml$/i.test(file))
  if (differences[0] === code.fileTabs) return pasted.fileTabsOnly(file, question)
  return undefined
}

// Pairs each run of report-only lines with the file-only lines next to it, as replacements.
function describe(ops: Op[]): string[] {
  const t = messages.report.code
  const out: string[] = []
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
      if (r && f) out.push(t.changed(f.n, quote(r.text), quote(f.text)))
      else if (f) out.push(t.notInReport(f.n, quote(f.text)))
      else if (r) out.push(t.notInFile(fileRun.at(-1)?.n ?? lastFileLine, quote(r.text)))
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
