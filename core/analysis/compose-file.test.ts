import { describe, it, expect } from 'vitest'
import { catalogue } from '../i18n/index.js'
import { findLine, parseComposeYaml } from './compose-file.js'

const reference = `version: "3.9"

services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: demo
      POSTGRES_PASSWORD: demo
      POSTGRES_DB: demo
    ports:
      - "5432:5432"

  api:
    build: ./api
    ports:
      - "8000:8000"
    depends_on:
      - db
`
const tabbed = reference.replace(/^( +)/gm, (m) => '\t'.repeat(m.length / 2))
const FILE = 'docker-compose.yml'

/** The parse failure, with the finding the student reads (in English, the reference catalogue). */
const failure = (text: string) => {
  const r = parseComposeYaml(text)
  if (r.ok) throw new Error('expected a parse failure')
  return { ...r, finding: catalogue('en').compose.yaml(FILE, r.problem) }
}

describe('parseComposeYaml', () => {
  it('parses the reference', () => {
    const r = parseComposeYaml(reference)
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.data).toMatchObject({ services: { db: { image: 'postgres:16', ports: ['5432:5432'] }, api: { build: './api', depends_on: ['db'] } } })
  })

  it('accepts tabs that are not indentation (after a key, in a comment line)', () => {
    expect(parseComposeYaml('a:\tb\n\t# note\nc: d\n').ok).toBe(true)
  })

  it('names line 4, the first tab-indented line, with the tab advice', () => {
    const r = failure(tabbed)
    expect(r.line).toBe(4)
    expect(r.column).toBe(1)
    expect(r.finding.message).toContain('line 4')
    expect(r.finding.message).toContain('YAML forbids tabs for indentation; indent with spaces (2 per level); in your editor convert indentation to spaces')
    expect(r.finding.seen).toBe('line 4: →db: (→ marks a tab)')
  })

  it('names the first tab line when yaml first reports a different error on it', () => {
    const r = failure('services:\n  db:\n    ports: ["5432:5432",\n\t"5433:5433"]\n')
    expect(r.line).toBe(4)
    expect(r.finding.message).toContain('YAML forbids tabs for indentation')
  })

  it('counts the tab-indented lines and uses yaml\'s tab errors after a dash', () => {
    const lines = reference.split('\n')
    lines[13] = '\tbuild: ./api'
    lines[6] = '\t\t\tPOSTGRES_USER: demo'
    expect(failure(lines.join('\n'))).toMatchObject({ line: 7, finding: { message: expect.stringContaining('2 lines start with a tab') } })
    expect(failure('ports:\n  -\tx: 1\n  - y\n')).toMatchObject({ line: 2, column: 4 })
  })

  it('reports an earlier non-tab error first, and mentions the tab in the fix', () => {
    const r = failure('a: "x\n\ty"\nb: 1\n')
    expect(r.line).toBe(1)
    expect(r.finding.fix).toContain('Also, line 2 is indented with a tab')
  })

  it('reports a duplicate key with both lines', () => {
    const r = failure(reference.replace('  api:', '  db:'))
    expect(r.line).toBe(13)
    expect(r.finding.message).toContain('the key db appears twice in the same block (lines 4 and 13)')
    expect(r.finding.seen).toBe('line 4:   db:\nline 13:   db:')
  })

  it('finds the earlier duplicate inside a nested block only', () => {
    const r = failure('services:\n  db:\n    image: a\n  api:\n    image: b\n    ports: []\n    image: c\n')
    expect(r.finding.message).toContain('(lines 5 and 7)')
  })

  it('reports bad indentation with the line above quoted', () => {
    const r = failure(reference.replace('    image: postgres:16', '     image: postgres:16'))
    expect(r.line).toBe(6)
    expect(r.finding.seen).toBe('line 5:      image: postgres:16\nline 6:     environment:')
    expect(r.finding.fix).toContain('same column')
  })

  it('reports a missing colon', () => {
    const r = failure(reference.replace('image: postgres:16', 'image postgres:16'))
    expect(r.line).toBe(5)
    expect(r.finding.fix).toContain('colon and a space')
  })

  it('reports an unclosed quote generically with line and column', () => {
    const r = failure(reference.replace('"3.9"', '"3.9'))
    expect(r).toMatchObject({ line: 1, column: 1 })
    expect(r.finding.message).toBe('docker-compose.yml is not valid YAML at line 1, column 1: Missing closing "quote')
    expect(r.finding.seen).toBe('line 1: version: "3.9')
    expect(r.finding.fix).toContain('Close the quote')
  })

  it('reports an unresolved alias without throwing', () => {
    const r = failure('services:\n  db: *nope\n')
    expect(r.finding.message).toContain('not valid YAML')
  })
})

describe('findLine', () => {
  it('finds the first matching line, 1-based, for strings and regexps', () => {
    expect(findLine(reference, 'depends_on')).toBe(17)
    expect(findLine(reference, /^\s+image:/g)).toBe(5)
    expect(findLine(reference, 'nope')).toBeUndefined()
  })
})
