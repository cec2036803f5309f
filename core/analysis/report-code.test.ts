import { readFileSync } from 'node:fs'
import { describe, it, expect } from 'vitest'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { compareCode, tabsOnly, type CodeDifference } from './report-code.js'
import { decodeReport, parseReport, requestsOf } from './report.js'

const run = loadRun(labs)
const t = run.messages.report
const parseTp1Report = (text: string, questions: readonly string[]) => parseReport(text, questions, requestsOf(run.rubric.report))
/** The comparison with its differences in words, as the student reads them. */
const compared = (pasted: string, submitted: string) => {
  const { same, differences } = compareCode(pasted, submitted)
  return { same, differences: differences.map(t.difference) }
}
/** The remark the spec makes on a copy that differs from its file by its indentation alone, if it does. */
const indentationRemark = (file: string, question: string, differences: readonly CodeDifference[]) => {
  const tabs = tabsOnly(differences)
  return tabs && t.pasted.tabsOnly(file, question, tabs)
}

const read = (file: string) => readFileSync(new URL(`../../test/references/seed/${file}`, import.meta.url), 'utf8')
const pasted = parseTp1Report(decodeReport(readFileSync(new URL('../../test/references/seed/README.md', import.meta.url))).text, ['3.a', '3.b', '5.b']).questions
const pastedText = (id: string) => pasted[id]!.codeBlocks[0]!.text
const TABS = "the report's copy is indented with tabs; the file uses spaces"

describe('compareCode', () => {
  it('matches the reference app.py and Dockerfile despite trailing spaces', () => {
    expect(compared(pastedText('3.a'), read('app.py'))).toEqual({ same: true, differences: [] })
    expect(compared(pastedText('3.b'), read('Dockerfile'))).toEqual({ same: true, differences: [] })
  })
  it('reports the seed’s tab-indented compose file as one indentation difference', () => {
    expect(compared(pastedText('5.b'), read('docker-compose.yml'))).toEqual({ same: false, differences: [TABS] })
  })
  it('reports other differences after the tabs', () => {
    const r = compared(pastedText('5.b').replace('postgres:16', 'postgres:15'), read('docker-compose.yml'))
    expect(r.differences).toEqual([TABS, 'line 5: report `    image: postgres:15` vs file `    image: postgres:16`'])
  })
  it('reports spaces in the report against a tab-indented file', () => {
    expect(compared('def f():\n    return 1\n', 'def f():\n\treturn 1\n').differences).toEqual(["the file is indented with tabs; the report's copy uses spaces"])
  })
  it('ignores blank lines, trailing whitespace and CRLF', () => {
    expect(compared('a: 1\r\n\r\n\r\nb: 2   \r\n', 'a: 1\nb: 2\n\n').same).toBe(true)
  })
  it('numbers changed, missing and extra lines with the file’s line numbers', () => {
    const file = 'FROM python:3.13-slim\nWORKDIR /app\n\nCOPY app.py .\nRUN pip install fastapi uvicorn\n'
    expect(compared('FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\n', file).differences).toEqual([
      'line 1: report `FROM python:3.12-slim` vs file `FROM python:3.13-slim`',
      'line 5: file `RUN pip install fastapi uvicorn` is missing from the report',
    ])
    expect(compared('FROM python:3.13-slim\nEXPOSE 8000\nWORKDIR /app\nCOPY app.py .\nRUN pip install fastapi uvicorn\n', file).differences).toEqual([
      'after line 1: report `EXPOSE 8000` is not in the file',
    ])
  })
  it('shows the first three differences and counts the rest', () => {
    const r = compared('a\nb\nc\nd\ne\n', 'A\nB\nC\nD\nE\n')
    expect(r.differences).toHaveLength(4)
    expect(r.differences[3]).toBe('... and 2 more differing lines')
  })
  it('gives each difference as facts, for the catalogue to say: the file\'s line numbers, the lines as written', () => {
    expect(compareCode('FROM python:3.12-slim\nCOPY app.py .\n', 'FROM python:3.13-slim\nCOPY app.py .\n').differences).toEqual([
      { kind: 'changed', line: 1, report: 'FROM python:3.12-slim', file: 'FROM python:3.13-slim' },
    ])
  })
  it('says when one side is empty', () => {
    expect(compared('\n  \n', 'x')).toEqual({ same: false, differences: ["the report's copy is empty"] })
    expect(compared('x', '')).toEqual({ same: false, differences: ['the submitted file is empty'] })
  })
})

describe('indentationRemark', () => {
  const tabs = (text: string) => text.replace(/^( {2})+/gm, (ws) => '\t'.repeat(ws.length / 2))
  const compose = 'services:\n  db:\n    image: postgres:16\n'

  it('tells which side has the tabs: the report\'s copy of a YAML file cannot run as it is', () => {
    const reportTabs = compareCode(tabs(compose), compose).differences
    expect(indentationRemark('docker-compose.yml', '5.b', reportTabs)).toMatch(/^The copy of docker-compose.yml in question 5.b is indented with tabs: YAML forbids tabs/)
    const fileTabs = compareCode(compose, tabs(compose)).differences
    expect(indentationRemark('docker-compose.yml', '5.b', fileTabs)).toBe('Your docker-compose.yml is indented with tabs and its copy in question 5.b with spaces; apart from that, they are the same.')
  })

  it('says nothing of YAML for other files, and makes no remark when something else differs too', () => {
    const python = 'def f():\n  return 1\n'
    expect(indentationRemark('app.py', '3.a', compareCode(tabs(python), python).differences)).not.toContain('YAML')
    expect(indentationRemark('app.py', '3.a', compareCode(tabs(python), python.replace('1', '2')).differences)).toBeUndefined()
    expect(indentationRemark('app.py', '3.a', [])).toBeUndefined()
  })
})
