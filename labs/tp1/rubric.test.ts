import { describe, expect, it } from 'vitest'
import { catalogue, LANGUAGES, type Language } from '../../core/i18n/index.js'
import { labRun, loadRun, localize } from '../../core/run/index.js'
import { labs } from '../index.js'
import { parseRubric as parseAnyRubric } from '../../core/rubric/schema.js'
import { tp1ExpectedSchema, type Expected, type Tp1RubricInput as RubricInput, type Tp1RubricSource } from './expected.js'
import { lab } from './lab.js'
import { tp1 } from './rubric.js'

/** TP1's rubric, validated with its expected values. */
const parseRubric = (input: unknown) => parseAnyRubric(input, tp1ExpectedSchema)
const localized = (source: Tp1RubricSource, language: Language) => localize(source, lab.words[language], catalogue(language))
const english = (): RubricInput => localized(structuredClone(tp1), 'en')
/** The rubric of a run of TP1 (or of TP1 with other values) in an environment. */
const loadRubric = (source: Tp1RubricSource, env: NodeJS.ProcessEnv) => labRun({ ...lab, rubric: source }, env).rubric

describe('the TP1 rubric', () => {
  it('is valid and totals 100 points', () => {
    const rubric = parseRubric(english())
    expect(rubric.checks.reduce((s, c) => s + c.points, 0)).toBe(100)
  })

  it('places each report question in the statement once: one request per step of an exercise, never graded and ungraded both', () => {
    const twice = english()
    twice.report.ungraded = { ...twice.report.ungraded, '4.a': { step: 9, about: ['x'] } }
    expect(() => parseRubric(twice)).toThrow('question 4.a is in both report.questions and report.ungraded')
    const sameStep = english()
    sameStep.report.questions['4.b'] = { ...sameStep.report.questions['4.b']!, step: 1 }
    expect(() => parseRubric(sameStep)).toThrow('questions 4.a and 4.b are both exercise 4 step 1')
    const noWords = english()
    noWords.report.questions['4.b'] = { ...noWords.report.questions['4.b']!, about: [] }
    expect(() => parseRubric(noWords)).toThrow(/report\.questions\.4\.b\.about/)
  })

  it.each(LANGUAGES)('has a title for every check and every item in %s', (language) => {
    const rubric = parseRubric(localized(tp1, language))
    for (const c of rubric.checks) {
      expect(c.title, c.id).not.toBe('')
      for (const item of c.items ?? []) expect(item.title, `${c.id}/${item.id}`).not.toBe('')
    }
  })

  it('titles checks in the language GRADER_LANG asks for, the lab\'s own (French) by default', () => {
    expect(loadRubric(tp1, {}).language).toBe('fr')
    expect(loadRubric(tp1, {}).checks.find((c) => c.id === 'ex6.version')?.title).toBe('le serveur PostgreSQL est en version 16')
    expect(loadRubric(tp1, { GRADER_LANG: 'en' }).checks.find((c) => c.id === 'ex6.version')?.title).toBe('the PostgreSQL server is version 16')
    expect(loadRubric(tp1, { GRADER_LANG: 'EN' }).language).toBe('en')
    expect(() => loadRubric(tp1, { GRADER_LANG: 'de' })).toThrow('GRADER_LANG=de: unknown language (known: fr, en)')
  })

  it('names the check whose title a catalogue lacks', () => {
    const en = lab.words.en.rubric
    const lacking = (e: Expected) => {
      const { 'ex6.version': _, ...checks } = en.checks(e)
      return checks as ReturnType<typeof en.checks>
    }
    expect(() => parseRubric(localize(tp1, { ...lab.words.en, rubric: { ...en, checks: lacking } }, catalogue('en')))).toThrow(/checks\.\d+\.title \(ex6\.version\)/)
  })

  it('takes the values in its titles from the rubric\'s expected values, their single source', () => {
    const other = { ...tp1, expected: { ...tp1.expected, postgresMajor: 17, db: { user: 'app', password: 'secret', database: 'shop' } } }
    const titles = Object.fromEntries(loadRubric(other, { GRADER_LANG: 'en' }).checks.map((c) => [c.id, c.title]))
    expect(titles['ex6.version']).toBe('the PostgreSQL server is version 17')
    expect(titles['ex6.credentials']).toBe('POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB are app, secret and shop')
    expect(loadRubric(tp1, {}).checks.find((c) => c.id === 'ex6.credentials')?.title).toBe('POSTGRES_USER, POSTGRES_PASSWORD et POSTGRES_DB valent demo')
  })

  it('keeps the check ids other tools read: one may be added, none may go or change', () => {
    const stable = [
      'ex1.engine',
      'ex1.report',
      'ex2.one-shot',
      'ex2.shared-kernel',
      'ex2.report',
      'ex3.health-route',
      'ex3.dockerfile',
      'ex3.report-files',
      'ex3.build',
      'ex3.image',
      'ex4.health',
      'ex4.listen-all',
      'ex4.ps',
      'ex4.graceful-stop',
      'ex4.report',
      'ex5.compose-valid',
      'ex5.services',
      'ex5.ports',
      'ex5.up',
      'ex5.api-health',
      'ex5.down',
      'ex5.report',
      'ex6.credentials',
      'ex6.connect',
      'ex6.version',
      'ex6.database',
      'ex6.psql-exec',
      'ex6.service-dns',
      'ex6.report',
      'ex7.logs',
      'ex7.exec',
      'ex7.restart',
      'ex7.report',
      'ex8.report',
    ]
    expect(parseRubric(english()).checks.map((c) => c.id)).toEqual(expect.arrayContaining(stable))
  })
})

describe('the run of a lab', () => {
  it('is TP1 by default, and the lab GRADER_LAB names; an unknown lab is a setting error naming the known ones', async () => {
    expect((loadRun(labs, {})).lab).toBe('tp1')
    expect((loadRun(labs, { GRADER_LAB: 'tp1' })).rubric.checks.map((c) => c.id)).toContain('ex6.version')
    expect(() => loadRun(labs, { GRADER_LAB: 'tp9' })).toThrow(/^GRADER_LAB=tp9: unknown lab \(known: tp1/)
  })

  it('speaks the core\'s words and the lab\'s, and knows the lab\'s title in every language', async () => {
    const run = loadRun(labs, { GRADER_LANG: 'en' })
    expect(Object.keys(run.messages)).toEqual(expect.arrayContaining(['verdict', 'sheet', 'report', 'rubric', 'session', 'ex5']))
    expect(run.rubric.titles).toEqual({ en: lab.words.en.rubric.title, fr: lab.words.fr.rubric.title })
  })
})

describe('parseRubric', () => {
  it('refuses points that do not add up to the total', () => {
    const rubric = english()
    rubric.checks[2]!.points = 3
    expect(() => parseRubric(rubric)).toThrow(/checks add up to 101 points, not 100/)
  })

  it('refuses a duplicated check id', () => {
    const rubric = english()
    rubric.checks.push({ ...rubric.checks[0]!, points: 0 })
    expect(() => parseRubric(rubric)).toThrow(/ex1.engine appears twice/)
  })

  it('refuses items that do not add up to their check', () => {
    const rubric = english()
    const dockerfile = rubric.checks.find((c) => c.id === 'ex3.dockerfile')!
    dockerfile.items![0]!.points = 2
    expect(() => parseRubric(rubric)).toThrow(/items of ex3.dockerfile add up to 6, not 5/)
  })

  it('refuses a check filed under the wrong exercise, naming every problem', () => {
    const rubric = english()
    rubric.checks[0]!.exercise = 2
    rubric.expected.apiPort = 70_000
    expect(() => parseRubric(rubric)).toThrow(/expected.apiPort[\s\S]*ex1.engine is filed under exercise 2/)
  })
})
