import { escapeCell, htmlText, markdownCell } from '../grading/inert-text.js'
import { formatPoints } from '../../reporters/format.js'
import type { CheckPassRate, ClassSummary } from './class-stats.js'
import { renderLosersHtml, renderLosersMarkdown, renderStudentsHtml, renderStudentsMarkdown } from './class-report-students.js'
import { histogramSvg, passRateSvg, rateColor } from './svg-charts.js'

export const CHART_FILES = { histogram: 'score-distribution.svg', passRates: 'check-pass-rates.svg' } as const
const MOST_FAILED = 5

const percent = (rate: number | undefined) => (rate === undefined ? '—' : `${Math.round(rate * 100)} %`)
const orDash = (n: number | undefined) => (n === undefined ? '—' : formatPoints(n))

export function renderCharts(summary: ClassSummary): { histogram: string; passRates: string } {
  return {
    histogram: histogramSvg(summary.histogram, `Score distribution (${summary.graded} graded, out of ${summary.maxScore})`),
    passRates: passRateSvg(summary.passRates, 'Pass rate per check (full points earned)'),
  }
}

/** The checks most of the class lost, lowest pass rate first. */
export function mostFailed(rates: readonly CheckPassRate[]): CheckPassRate[] {
  return rates
    .filter((r) => r.rate !== undefined && r.rate < 1 && r.maxPoints > 0)
    .sort((a, b) => a.rate! - b.rate! || b.maxPoints - a.maxPoints)
    .slice(0, MOST_FAILED)
}

function headline(summary: ClassSummary): string {
  const missed = summary.missedDeadline.length ? ` · ${summary.missedDeadline.length} missed the deadline` : ''
  const late = summary.late ? ` · ${summary.late} late` : ''
  return `${summary.students} students · ${summary.graded} graded${late} · ${summary.ungraded.length} ungraded${missed} · mean ${orDash(summary.meanScore)} / ${summary.maxScore} · median ${orDash(summary.medianScore)} / ${summary.maxScore}`
}

/** Which commit was graded: the rule, said once at the top. */
function deadlineLine(summary: ClassSummary): string | undefined {
  if (summary.deadlines.length === 0) return undefined
  const late = summary.late ? ' A late hand-in (nothing on time, or a hand-in tag after the deadline) shows how late it was and its penalty; the scores are before the penalty, the students table gives both.' : ''
  return `Deadline ${summary.deadlines.join(', ')}: each git repository is graded at its last commit at or before it, by committer date (a roster ref wins).${late}`
}

const MISSED_HEADING = 'Nothing before the deadline — not zeros, not ungraded'
const MISSED_TEXT = 'These repositories have no commit at or before the deadline: nothing was graded and they have no score. A roster ref for the student grades the commit it names.'
const missedText = (m: ClassSummary['missedDeadline'][number]) => (m.latestCommitDate ? `latest commit ${m.latestCommitDate}, after the deadline ${m.deadline}` : `no commit at all (deadline ${m.deadline})`)

const RERUN = 'npx tp1-grade-class grade … --only-ungraded'

export function renderClassReportMarkdown(summary: ClassSummary): string {
  const failed = mostFailed(summary.passRates)
  const deadline = deadlineLine(summary)
  const blocks = [
    `# Class report — ${summary.title}`,
    `**${headline(summary)}**`,
    ...(deadline ? [deadline] : []),
    ...(summary.ungraded.length ? [renderUngradedMarkdown(summary)] : []),
    ...(summary.missedDeadline.length ? [renderMissedMarkdown(summary)] : []),
    ...(summary.graderModified.length
      ? [`## Grader files modified\n\nThese repositories carry grader files (specs, rubric, reporters, workflows…) that differ from yours; they were graded with yours, but look at what they changed: ${summary.graderModified.map((s) => `**${markdownCell(s)}**`).join(', ')}.`]
      : []),
    `## What the class failed most`,
    failed.length
      ? failed.map((r) => `- \`${r.id}\` — ${r.title}: ${percent(r.rate)} passed (${r.passed}/${r.graded})`).join('\n')
      : 'Every graded student earned the full points of every check.',
    renderStudentsMarkdown(summary),
    renderLosersMarkdown(summary),
    `## Score distribution`,
    `![Score distribution](${CHART_FILES.histogram})`,
    ['| score | students |', '| --- | ---: |', ...summary.histogram.map((b) => `| ${b.from}–${b.to} | ${b.count} |`)].join('\n'),
    `## Pass rate per check`,
    `![Pass rate per check](${CHART_FILES.passRates})`,
    [
      '| check | title | passed | pass rate | mean points |',
      '| --- | --- | ---: | ---: | ---: |',
      ...summary.passRates.map((r) => `| \`${r.id}\` | ${escapeCell(r.title)} | ${r.passed}/${r.graded} | ${percent(r.rate)} | ${orDash(r.meanPoints)} / ${r.maxPoints} |`),
    ].join('\n'),
  ]
  return `${blocks.join('\n\n')}\n`
}

function renderMissedMarkdown(summary: ClassSummary): string {
  return [`## ${MISSED_HEADING}`, MISSED_TEXT, '', ...summary.missedDeadline.map((m) => `- **${markdownCell(m.student)}** — ${missedText(m)}`)].join('\n')
}

function renderUngradedMarkdown(summary: ClassSummary): string {
  return [
    '## Ungraded — not zeros',
    `The grader or Docker failed for these students, not the students: they have no score yet. Re-run them alone with \`${RERUN}\`.`,
    '',
    ...summary.ungraded.map((u) => `- **${markdownCell(u.student)}** — ${markdownCell(u.reason)}`),
  ].join('\n')
}

/** One file a teacher opens offline: no script, no external resource, the charts inline, the sheets linked relatively. */
export function renderClassReportHtml(summary: ClassSummary): string {
  const charts = renderCharts(summary)
  const e = htmlText
  const failed = mostFailed(summary.passRates)
  const ungraded = summary.ungraded.length
    ? `<section class="ungraded"><h2>Ungraded — not zeros</h2><p>The grader or Docker failed for these students, not the students: they have no score yet. Re-run them alone with <code>${e(RERUN)}</code>.</p><ul>${summary.ungraded.map((u) => `<li><strong>${e(u.student)}</strong> — ${e(u.reason)}</li>`).join('')}</ul></section>`
    : ''
  const missed = summary.missedDeadline.length
    ? `<section class="missed"><h2>${e(MISSED_HEADING)}</h2><p>${e(MISSED_TEXT)}</p><ul>${summary.missedDeadline.map((m) => `<li><strong>${e(m.student)}</strong> — ${e(missedText(m))}</li>`).join('')}</ul></section>`
    : ''
  const deadline = deadlineLine(summary)
  const failedList = failed.length
    ? `<ul>${failed.map((r) => `<li><code>${e(r.id)}</code> — ${e(r.title)}: <strong>${percent(r.rate)}</strong> passed (${r.passed}/${r.graded})</li>`).join('')}</ul>`
    : '<p>Every graded student earned the full points of every check.</p>'
  const rows = summary.passRates
    .map((r) => `<tr><td><code>${e(r.id)}</code></td><td>${e(r.title)}</td><td class="n">${r.passed}/${r.graded}</td><td class="n" style="color:${rateColor(r.rate)}">${percent(r.rate)}</td><td class="n">${orDash(r.meanPoints)} / ${r.maxPoints}</td></tr>`)
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Class report — ${e(summary.title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; }
td.n { text-align: right; white-space: nowrap; } .ungraded, .missed { background: #fff8c5; padding: .5rem 1rem; border-radius: 6px; }
tr.ungraded, tr.missed-deadline { background: #fff8c5; }
</style>
</head>
<body>
<h1>Class report — ${e(summary.title)}</h1>
<p><strong>${e(headline(summary))}</strong></p>
${deadline ? `<p>${e(deadline)}</p>` : ''}
${ungraded}
${missed}
<h2>What the class failed most</h2>
${failedList}
${renderStudentsHtml(summary)}
${renderLosersHtml(summary)}
<h2>Score distribution</h2>
${charts.histogram}
<h2>Pass rate per check</h2>
${charts.passRates}
<table><thead><tr><th>check</th><th>title</th><th>passed</th><th>pass rate</th><th>mean points</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body>
</html>
`
}
