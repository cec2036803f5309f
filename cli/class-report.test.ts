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
}

describe('class report', () => {
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
