import { describe, expect, it } from 'vitest'
import { renderSheetHtml } from './sheet-html.js'

describe('the HTML grade sheet', () => {
  it('renders the Markdown sheet (tables included) with a relative link back to the class report', () => {
    const html = renderSheetHtml('# TP1\n\n**Score: 95 / 100**\n\n| Status | Check |\n| --- | --- |\n| ✅ passed | `ex4.health` |\n', 'alice — TP1', 'en')
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<meta charset="utf-8">')
    expect(html).toContain('<strong>Score: 95 / 100</strong>')
    expect(html).toMatch(/<table>[\s\S]*<td>✅ passed<\/td>/)
    expect(html).toContain('<a href="../../class-report.html">')
  })

  it('shows what the student controls (a log tail, an HTTP body) as text, never as markup or a script link', () => {
    const html = renderSheetHtml('Seen: <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))\n', 'x', 'en')
    expect(html).not.toMatch(/<script|<img|javascript:/)
    expect(html).toContain('&lt;script&gt;')
  })
})
