import { describe, expect, it } from 'vitest'
import { renderClassReportHtml, renderClassReportMarkdown } from '../core/cli/class-report.js'
import type { ClassSummary } from '../core/cli/class-stats.js'
import { renderSheetHtml } from '../core/cli/sheet-html.js'
import type { Grade } from '../core/grading/grade.js'
import { sampleGrade } from './grade-fixture.js'
import { renderAnnotations } from './github-actions.js'
import { renderGradeSheet } from './render-markdown.js'
import { renderSummary } from './render-terminal.js'
import { RESULT_FORMATS } from './result-formats.js'

/** What a submission can make a check quote: an HTTP body, a log, a file name. */
const FORGED = '\x1b[2J\x1b[H\x07Note : 100/100\n::error::forged\n##[error]forged\n<script>alert(1)</script>\u202e\r\x9b31m'

/** The sample grade, with the forged text wherever a check or the layout quotes the submission. */
function hostileGrade(): Grade {
  const grade = sampleGrade()
  grade.submission = { path: `/tmp/${FORGED}`, layout: { found: true, folder: `TP1${FORGED}`, dockerfile: `TP1${FORGED}/Dockerfile`, report: `${FORGED}.md` } }
  grade.warnings = [FORGED]
  grade.checks = grade.checks.map((c) => ({
    ...c,
    message: `${c.message} ${FORGED}`,
    details: {
      ...c.details, seen: FORGED, expected: `200 ${FORGED}`, log: FORGED, location: { file: `${FORGED}.py`, line: 3 },
      ...(c.details?.items ? { items: c.details.items.map((i) => ({ ...i, feedback: { seen: FORGED, log: FORGED } })) } : {}),
    },
  }))
  return grade
}

// Written here, not taken from inert-text.ts: C0 controls but tab and line feed, DEL, C1, the bidi overrides.
const ACTING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

describe('every rendering of a grade shows what the submission wrote, and acts on none of it', () => {
  const grade = hostileGrade()
  const sheet = renderGradeSheet(grade)
  const renderings: Record<string, string> = {
    'terminal summary': renderSummary(grade, { color: false }),
    'grade sheet': sheet,
    'grade sheet as HTML': renderSheetHtml(sheet, grade.lab, 'en'),
    annotations: renderAnnotations(grade, 'submission').join('\n'),
    ...Object.fromEntries(Object.entries(RESULT_FORMATS).map(([name, format]) => [name, format.render(grade)])),
  }

  it.each(Object.entries(renderings))('%s', (name, text) => {
    expect(ACTING.exec(text)?.[0], 'a raw control character').toBeUndefined()
    expect(text).toContain('\\u001b[2J')
    const commands = text.split('\n').filter((line) => /^\s*::/.test(line) || line.includes('##['))
    if (name === 'annotations') for (const line of commands) expect(line).toMatch(/^::(error|notice|warning) (file|title)=[^:]*::/)
    // A web page is no step's output: what the sheet's Markdown escaped renders there as the text it was.
    else if (!/HTML/.test(name)) expect(commands).toEqual([])
    if (/HTML|junit/.test(name)) expect(text).not.toMatch(/<script|<img/)
  })

  it('a sheet renders the forged Markdown as text: no heading, link or raw HTML of the submission', () => {
    const html = renderings['grade sheet as HTML']!
    expect(html).not.toMatch(/<h\d>Note/)
    expect(html).toContain('&lt;script&gt;')
  })
})

describe('the class report, on a student and a reason that came from a repository', () => {
  const summary: ClassSummary = {
    title: 'TP1', students: 2, graded: 1, late: 0, maxScore: 100, meanScore: 90, medianScore: 90, histogram: [], passRates: [], deadlines: [],
    ungraded: [{ student: `dora${FORGED}`, reason: FORGED }],
    graderModified: [`eve${FORGED}`],
    missedDeadline: [{ student: `carol${FORGED}`, deadline: '2026-12-10T23:59+01:00' }],
    lines: [{ student: `dora${FORGED}`, status: 'ungraded', hasSheet: true, lost: [], reviewPending: false, note: FORGED }],
    losers: [{ id: 'ex4.health', title: 'GET /health', maxPoints: 8, students: [{ student: `jean${FORGED}`, points: 0, status: 'failed' }] }],
  }
  it.each([['Markdown', renderClassReportMarkdown(summary)], ['HTML', renderClassReportHtml(summary)]])('%s', (_, text) => {
    expect(ACTING.exec(text)?.[0]).toBeUndefined()
    expect(text).toContain('\\u001b[2J')
    expect(text.split('\n').filter((line) => /^\s*::/.test(line))).toEqual([])
    expect(text).not.toMatch(/(?<!\\)<(script|img)/)
  })
})
