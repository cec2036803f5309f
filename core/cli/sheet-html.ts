import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { CLASS_REPORT_FILES } from './output-layout.js'
import { htmlText } from '../grading/inert-text.js'

/**
 * A grade sheet as a page that opens offline, linked from the HTML class report. micromark's defaults keep it safe:
 * raw HTML in the sheet (a student's log, an HTTP body) is shown as text, and javascript: links are dropped.
 */
export function renderSheetHtml(markdown: string, title: string, language: string): string {
  const body = micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] })
  return `<!doctype html>
<html lang="${htmlText(language)}">
<head>
<meta charset="utf-8">
<title>${htmlText(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: .3rem .5rem; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; } blockquote { border-left: 4px solid #d0d7de; margin-left: 0; padding-left: 1rem; }
</style>
</head>
<body>
<p><a href="../../${CLASS_REPORT_FILES.html}">← Class report</a></p>
${body}
</body>
</html>
`
}
