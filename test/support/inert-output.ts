import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect } from 'vitest'
import { renderSheetHtml } from '../../core/cli/sheet-html.js'
import type { Grade } from '../../core/grading/grade.js'
import { renderAnnotations } from '../../reporters/github-actions.js'

/** The environment GitHub Actions gives a step, with a job summary file of its own; `workspace` is GITHUB_WORKSPACE. */
export function onGitHubActions(workspace: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tp1-gha-'))
  const summary = path.join(dir, 'step-summary.md')
  writeFileSync(summary, '')
  return {
    workspace,
    env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: workspace, CI: 'true' },
    summary: () => readFileSync(summary, 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

// Written here, not taken from grading/inert-text.ts: what a terminal, the Actions log or a browser acts on. Every
// C0 control but tab and line feed (a carriage return too: it writes over the line), DEL, C1, the bidi overrides.
const ACTING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u

/**
 * A run graded on GitHub Actions, read as bytes: its terminal output, sheet, job summary and the sheet's HTML hold no
 * raw control character, the first three no old-style workflow command, the HTML no tag of the submission's, and the only
 * workflow commands in the output are the grader's own (stop, resume, then the grade's annotations). The submission's
 * text is there, shown: what it quoted of its escapes appears as their code (`\u001b`) in each.
 */
export function expectInert(run: { output: string; sheet: string; grade: Grade }, submission: string, actions: ReturnType<typeof onGitHubActions>): void {
  const html = renderSheetHtml(run.sheet, run.grade.lab, run.grade.language ?? 'en')
  const outputs = { terminal: run.output, sheet: run.sheet, 'job summary': actions.summary(), html }
  for (const [name, text] of Object.entries(outputs)) {
    const raw = ACTING.exec(text)
    expect(raw && JSON.stringify(text.slice(Math.max(0, raw.index - 60), raw.index + 20)), `${name}: a raw control character`).toBeNull()
    // A web page is no step's output: what the sheet's Markdown escaped (`#\#[`) renders there as the text it was.
    if (name !== 'html') expect(text, `${name}: an old-style workflow command`).not.toContain('##[')
    expect(text, `${name}: the submission's escapes, shown`).toContain('\\u001b[2J')
  }
  expect(outputs['job summary']).toContain(run.sheet)
  expect(html).not.toMatch(/<script|<img/i)
  const commands = run.output.split('\n').filter((line) => line.trimStart().startsWith('::'))
  const stop = commands[0] ?? ''
  expect(stop).toMatch(/^::stop-commands::\S+$/)
  const annotations = renderAnnotations(run.grade, path.relative(realpathSync(actions.workspace), realpathSync(submission)))
  expect(commands).toEqual([stop, `::${stop.slice('::stop-commands::'.length)}::`, ...annotations])
  // A lost check that quotes the escapes (ex4.health quotes the body it got) shows them in its annotation.
  if (run.grade.checks.some((c) => c.status === 'failed' && c.message.includes('\x1b'))) expect(annotations.join('\n')).toContain('\\u001b[2J')
}
