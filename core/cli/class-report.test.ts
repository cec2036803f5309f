import { describe, expect, it } from 'vitest'
import type { ClassSummary } from './class-stats.js'
import { mostFailed, renderClassReportHtml, renderClassReportMarkdown } from './class-report.js'
import { escapeXml, histogramSvg, passRateSvg, rateColor } from './svg-charts.js'

const summary: ClassSummary = {
  title: 'TP1 <Docker>', students: 3, graded: 2, maxScore: 100, meanScore: 90, medianScore: 90,
  histogram: [{ from: 0, to: 50, count: 0 }, { from: 50, to: 100, count: 2 }],
  passRates: [
    { id: 'ex4.health', title: 'GET /health answers {"status":"ok"}', maxPoints: 8, graded: 2, passed: 1, rate: 0.5, meanPoints: 4 },
    { id: 'ex3.build', title: 'the Dockerfile builds', maxPoints: 6, graded: 2, passed: 2, rate: 1, meanPoints: 6 },
    { id: 'ex1.engine', title: 'engine', maxPoints: 0, graded: 2, passed: 0, rate: 0, meanPoints: 0 },
  ],
  ungraded: [{ student: 'dora', reason: 'the run took longer than the time limit' }],
  graderModified: ['eve'],
  missedDeadline: [],
  deadlines: [],
  late: 0,
  lines: [],
  losers: [],
}

/** The same class with a deadline: who failed what, a missed deadline, student ids that need escaping. */
const week: ClassSummary = {
  ...summary,
  students: 4,
  missedDeadline: [{ student: 'carol', deadline: '2026-12-10T23:59+01:00', latestCommitDate: '2026-12-11T08:00:00+01:00' }],
  deadlines: ['2026-12-10T23:59+01:00'],
  lines: [
    { student: 'Jean (Dupont)', status: 'graded', score: 92, commit: 'c0ffee1234567', commitDate: '2026-12-10T20:00:00+01:00', hasSheet: true, lost: [{ id: 'ex4.health', lost: 8, status: 'failed' }], reviewPending: true },
    { student: 'carol', status: 'missed-deadline', hasSheet: false, lost: [], reviewPending: false, note: 'latest commit 2026-12-11T08:00:00+01:00, after the deadline' },
    { student: 'dora', status: 'ungraded', hasSheet: true, lost: [], reviewPending: false, note: 'the run took longer than the time limit' },
    { student: '<eve>', status: 'graded', score: 100, hasSheet: true, lost: [], reviewPending: false },
  ],
  losers: [{ id: 'ex4.health', title: 'GET /health answers {"status":"ok"}', maxPoints: 8, students: [{ student: 'Jean (Dupont)', points: 0, status: 'failed' }] }],
}

/** Late work: a penalised hand-in, one within the grace, one chosen by its tag. */
const late: ClassSummary = {
  ...week,
  late: 2,
  lines: [
    { student: 'bob', status: 'graded', score: 90, commit: 'b0b0b0b0', commitDate: '2026-12-12T02:00:00+01:00', hasSheet: true, lost: [], reviewPending: false, chosenBy: 'cut-off', late: { seconds: 26 * 3600 + 60, withinGrace: false, penaltyPercent: 20, finalScore: 70 } },
    { student: 'gus', status: 'graded', score: 100, commit: 'c0c0c0c0', hasSheet: true, lost: [], reviewPending: false, chosenBy: 'deadline', late: { seconds: 600, withinGrace: true, penaltyPercent: 0, finalScore: 100 } },
    { student: 'hana', status: 'graded', score: 100, commit: 'd0d0d0d0', hasSheet: true, lost: [], reviewPending: false, chosenBy: 'tag TP1' },
  ],
}

describe('class report', () => {
  it('says who handed in late, how late, the penalty and the score it leaves, and which rule chose each commit', () => {
    const md = renderClassReportMarkdown(late)
    expect(md).toContain('4 students · 2 graded · 2 late · 1 ungraded')
    expect(md).toContain('| bob | graded, late 1 d 2 h 1 min, −20 % | 70 / 100 (90 before the late penalty) | b0b0b0b (2026-12-12T02:00:00+01:00) — cut-off |')
    expect(md).toContain('| gus | graded, late 10 min, within the grace | 100 / 100 | c0c0c0c — deadline |')
    expect(md).toContain('| hana | graded | 100 / 100 | d0d0d0d — tag TP1 |')
    expect(renderClassReportHtml(late)).toContain('<td>graded, late 1 d 2 h 1 min, −20 %</td><td class="n">70 / 100 (90 before the late penalty)</td>')
  })

  it('the Markdown shows the charts, the most failed checks, and the ungraded apart', () => {
    const md = renderClassReportMarkdown(summary)
    expect(md).toContain('![Score distribution](score-distribution.svg)')
    expect(md).toContain('![Pass rate per check](check-pass-rates.svg)')
    expect(md).toMatch(/## Ungraded — not zeros[\s\S]*\*\*dora\*\* — the run took longer/)
    expect(md).toContain('- `ex4.health` — GET /health answers {"status":"ok"}: 50 % passed (1/2)')
    expect(md).toContain('3 students · 2 graded · 1 ungraded · mean 90 / 100')
  })

  it('the HTML is one offline page: charts inline, text escaped, no script or external resource', () => {
    const html = renderClassReportHtml(summary)
    expect(html.match(/<svg/g)).toHaveLength(2)
    expect(html).toContain('TP1 &lt;Docker&gt;')
    expect(html).not.toMatch(/<script|src=|href=/)
  })

  it('states the deadline rule and lists a missed deadline apart, neither zero nor ungraded', () => {
    const md = renderClassReportMarkdown(week)
    expect(md).toContain('4 students · 2 graded · 1 ungraded · 1 missed the deadline · mean 90 / 100')
    expect(md).toContain('Deadline 2026-12-10T23:59+01:00: each git repository is graded at its last commit at or before it, by committer date (a roster ref wins).')
    expect(md).toMatch(/## Nothing before the deadline — not zeros, not ungraded[\s\S]*- \*\*carol\*\* — latest commit 2026-12-11T08:00:00\+01:00, after the deadline 2026-12-10T23:59\+01:00/)
  })

  it('the Markdown says who failed what: a table of students linking their sheets, and who lost each check', () => {
    const md = renderClassReportMarkdown(week)
    expect(md).toContain('| Jean (Dupont) | graded (review pending) | 92 / 100 | c0ffee1 (2026-12-10T20:00:00+01:00) | [grade sheet](students/Jean%20%28Dupont%29/grade-sheet.md) | ex4.health −8 |')
    expect(md).toContain('| carol | missed the deadline | — | — | — | latest commit 2026-12-11T08:00:00+01:00, after the deadline |')
    expect(md).toContain('| dora | ungraded | — | — | [grade sheet](students/dora/grade-sheet.md) | the run took longer than the time limit |')
    // A name GitHub would take for an HTML tag, and hide, is escaped.
    expect(md).toContain('| \\<eve> | graded | 100 / 100 | — | [grade sheet](students/%3Ceve%3E/grade-sheet.md) | none |')
    expect(md).toContain('- `ex4.health` — GET /health answers {"status":"ok"} (8 pts), 1 student: [Jean (Dupont)](students/Jean%20%28Dupont%29/grade-sheet.md) 0/8 failed')
  })

  it('the HTML links each sheet relatively, beside the report, and nothing else: the folder can be zipped and shared', () => {
    const html = renderClassReportHtml(week)
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])
    expect(hrefs).toEqual(['students/Jean%20%28Dupont%29/grade-sheet.html', 'students/dora/grade-sheet.html', 'students/%3Ceve%3E/grade-sheet.html', 'students/Jean%20%28Dupont%29/grade-sheet.html'])
    expect(html).not.toMatch(/<script|src=/)
    expect(html).toContain('<td>&lt;eve&gt;</td>')
    expect(html).toContain('<h2>Nothing before the deadline — not zeros, not ungraded</h2>')
  })

  it('lists as most failed only checks with points that some missed, lowest first', () => {
    expect(mostFailed(summary.passRates).map((r) => r.id)).toEqual(['ex4.health'])
  })
})

describe('SVG charts', () => {
  it('draws one bar per bin and one row per check, escaping labels', () => {
    expect(histogramSvg(summary.histogram, 'a < b').match(/<rect /g)).toHaveLength(3)
    expect(histogramSvg(summary.histogram, 'a < b')).toContain('a &lt; b')
    const rates = passRateSvg(summary.passRates, 'rates')
    expect(rates).toContain('50 %')
    expect(rates).toContain(`fill="${rateColor(0.5)}"`)
    expect(escapeXml(`"'&`)).toBe('&quot;&#39;&amp;')
  })
})
