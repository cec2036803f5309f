import { readFileSync } from 'node:fs'
import { describe, it, expect } from 'vitest'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { answerStatus, decodeReport, normaliseQuestionId, parseReport, pastedBlocksOf, questionIdsOf, requestsOf, screenshotStatus } from './report.js'

const { rubric, messages } = loadRun(labs)
/** The report read for TP1's questions, as the rubric asks them. */
const parseTp1Report = (text: string, questions: readonly string[]) => parseReport(text, questions, requestsOf(rubric.report))
const t = messages.report

const reference = readFileSync(new URL('../../test/references/seed/README.md', import.meta.url))
const QUESTIONS = '1.b,1.c,2.a,2.b,2.c,2.d,3.a,3.b,3.c,4.a,4.b,4.c,4.d,5.b,5.c,5.d,5.e,6.a,6.b,6.c,7.a,7.b,7.c,7.d,7.e,8.a,8.b'.split(',')
const section = (text: string, id: string, ids = [id]) => parseTp1Report(text, ids).questions[id]!
/** The decoded report with its notes in words, as the student reads them. */
const decoded = (bytes: Uint8Array) => {
  const r = decodeReport(bytes)
  return { ...r, notes: r.notes.map(t.decoded) }
}
/** Whether a question is answered, and why in words, as the student reads it. */
const status = (...args: Parameters<typeof answerStatus>) => {
  const { answered, why } = answerStatus(...args)
  return { answered, why: t.why(why) }
}

describe('decodeReport', () => {
  it('decodes the reference as UTF-8 without notes', () => {
    const r = decoded(reference)
    expect(r).toMatchObject({ encoding: 'utf-8', notes: [] })
    expect(r.text).toContain('Installation de Docker et vérification de l’environnement')
  })
  it('strips a UTF-8 BOM and turns CRLF and CR into LF', () => {
    const r = decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Titre\r\n## Question 4.a\rRéponse\r\n')]))
    expect(r).toEqual({ text: '# Titre\n## Question 4.a\nRéponse\n', encoding: 'utf-8', notes: [] })
  })
  it('falls back to Latin-1 with a note when the bytes are not UTF-8', () => {
    const r = decoded(Buffer.from('## Question 4.a\r\nLe paramètre est utilisé\r\n', 'latin1'))
    expect(r.text).toBe('## Question 4.a\nLe paramètre est utilisé\n')
    expect(r.encoding).toBe('latin-1')
    expect(r.notes[0]).toMatch(/not valid UTF-8.*save it as UTF-8/)
  })
  it('reads nothing in a Word document or a PDF saved as the report, and says so', () => {
    expect(decoded(Buffer.from('PK\x03\x04\x14\x00word/document.xml', 'latin1'))).toMatchObject({ text: '', notes: [expect.stringContaining('Word document (.docx)')] })
    expect(decoded(Buffer.from('%PDF-1.7\n', 'latin1')).notes[0]).toContain('is a PDF')
  })
  it('decodes UTF-16 with a BOM, with a note', () => {
    const le = decoded(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('## Question 4.a\r\nété\r\n', 'utf16le')]))
    expect(le).toMatchObject({ text: '## Question 4.a\nété\n', encoding: 'utf-16le' })
    expect(le.notes[0]).toContain('UTF-16LE')
    const be = Buffer.from('é\n', 'utf16le').swap16()
    expect(decoded(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ text: 'é\n', encoding: 'utf-16be' })
  })
})

describe('questionIdsOf', () => {
  it.each([
    ['Question 4.a.', '4.a'], ['Question 4.a', '4.a'], ['Q4a', '4.a'], ['4.a)', '4.a'], ['4a.', '4.a'], ['Question 4.A', '4.a'],
    ['Question 4-a : le port', '4.a'], ['Q 4.a', '4.a'], ['Question n°4.a', '4.a'], ['✅ Question 4.a', '4.a'], ['4.a - Lancer le conteneur', '4.a'],
    ['Question 8', '8'], ['Q8', '8'],
  ])('reads %s as %s', (heading, id) => {
    expect(questionIdsOf(heading)).toEqual([id])
  })
  it.each(['Exercice 4 : Exécuter l’API', '4. Exécuter l’API', 'Questions de réflexion', 'Quelques remarques', '2024 bilan'])('%s is not a question', (heading) => {
    expect(questionIdsOf(heading)).toEqual([])
  })
  it('reads headings that answer several questions', () => {
    expect(questionIdsOf('Questions 4.a et 4.b')).toEqual(['4.a', '4.b'])
    expect(questionIdsOf('Question 5.c / d')).toEqual(['5.c', '5.d'])
    expect(questionIdsOf("Question 4.a et c'est tout")).toEqual(['4.a'])
    expect(questionIdsOf('Question 4.a etc')).toEqual(['4.a'])
  })
  it('normalises the caller ids the same way', () => {
    expect(['4.A', '04a', '4-a', ' 4.a ', '8'].map(normaliseQuestionId)).toEqual(['4.a', '4.a', '4.a', '4.a', '8'])
  })
})

describe('parseReport on the reference report', () => {
  const report = parseTp1Report(decodeReport(reference).text, QUESTIONS)
  const withImages: Record<string, string[]> = {
    '1.b': ['Question_1B.png'], '1.c': ['Question_1C.png'], '2.d': ['Question_2D.png'], '3.c': ['Question_3C.png'],
    '4.b': ['Question_4B_1.png', 'Question_4B_2.png'], '4.c': ['Question_4C.png'], '4.d': ['Question_4D.png'], '5.c': ['Question_5C.png'],
    '5.d': ['Question_5D.png'], '6.b': ['Question_6B.png'], '7.a': ['Question_7A.png'], '7.b': ['Question_7B.png'], '7.c': ['Question_7C.png'], '7.d': ['Question_7D.png'],
  }

  it('finds every question, with its heading line', () => {
    for (const q of QUESTIONS) expect(report.questions[q], q).toMatchObject({ found: true, heading: `Question ${q}.` })
    expect(report.questions['1.b']!.line).toBe(2)
    expect(report.questions['8.b']!.line).toBe(137)
  })
  it('attaches each screenshot to its question and no other', () => {
    for (const q of QUESTIONS) {
      expect(report.questions[q]!.images.map((i) => i.href), q).toEqual((withImages[q] ?? []).map((f) => `./Captures/TP1/${f}`))
    }
    expect(report.questions['4.b']!.images[1]).toEqual({ href: './Captures/TP1/Question_4B_2.png', alt: 'Question_4B_2.png', line: 54, syntax: 'markdown' })
    expect(report.images).toHaveLength(15)
  })
  it('counts prose words, not code or alt text', () => {
    expect(report.questions['7.a']!.words).toBe(0)
    expect(report.questions['1.b']!.words).toBe(4) // the caption "Docker est correctement installé"
    expect(report.questions['3.a']!.words).toBe(3) // "app.py complété :"
    expect(report.questions['8.a']!.words).toBeGreaterThan(100)
  })
  it('lists the pasted files with their question', () => {
    expect(report.codeBlocks.map((c) => [c.question, c.lang, c.line])).toEqual([['3.a', 'python', 27], ['3.b', 'Dockerfile', 38], ['5.b', 'yml', 70]])
    expect(report.questions['5.b']!.codeBlocks[0]!.text).toMatch(/^version: "3.9" \n\nservices: \n\tdb: /)
  })
  it('answers every question with the reference screenshots', () => {
    for (const q of QUESTIONS) {
      const s = report.questions[q]!
      expect(answerStatus(s, { minWords: 10, screenshot: q in withImages, validImages: s.images.length }).answered, q).toBe(true)
    }
  })
})

describe('parseReport sections', () => {
  it.each(['## Question 4.a.', '## Question 4.a', '### Q4a', '### 4.a)', '#### 4a.', '## Question 4.A', 'Question 4.a\n---', '**Question 4.a**', '**Question 4.a :**'])('finds %s', (heading) => {
    const s = section(`# Exercice 4\n${heading}\nLe port est publié.\n\n## Question 4.b\nautre\n`, '4.a')
    expect(s).toMatchObject({ found: true, line: 2, words: 4 })
  })
  it('counts the rest of a bold question line as its answer', () => {
    expect(section('**Question 4.a :** Le port est publié.\n', '4.a').words).toBe(4)
  })
  it('ends a section at the next question heading of any level, an exercise heading, or a heading as high', () => {
    const text = '## Question 4.a\nun\n#### Question 4.b\ndeux trois\n### Exercice 5\nhors\n## Question 5.a\nquatre\n### Détail\ncinq six\n## Annexe\nhors section\n'
    const r = parseTp1Report(text, ['4.a', '4.b', '5.a'])
    expect([r.questions['4.a']!.words, r.questions['4.b']!.words, r.questions['5.a']!.words]).toEqual([1, 2, 4])
  })
  it('keeps deeper headings that only look like "Ex…" or "Part…" in the section', () => {
    expect(section('## Question 7.d\nun\n### Exécution\ndeux\n### Particularités\ntrois\n### TP1 rappel\nhors\n', '7.d').words).toBe(5)
  })
  it('ends a bold-line section at any real heading', () => {
    expect(section('**Question 4.a**\nun\n#### Note\nhors\n', '4.a').words).toBe(1)
  })
  it('shares a section between the questions of one heading, and merges a repeated heading', () => {
    const r = parseTp1Report('## Questions 4.a et 4.b\nun deux\n## Question 4.c\ntrois\n## Question 4.a (suite)\nquatre\n', ['4.a', '4.b', '4.c'])
    expect(r.questions['4.a']).toMatchObject({ found: true, line: 1, words: 3 })
    expect(r.questions['4.b']).toMatchObject({ found: true, line: 1, words: 2 })
  })
  it('reports a missing question as not found', () => {
    expect(section('## Question 4.a\ntexte\n', '4.b')).toEqual({ found: false, words: 0, codeBlocks: [], images: [] })
  })
  it('keys results by the caller’s spelling', () => {
    expect(parseTp1Report('## Q4a\nun\n', ['4.A']).questions['4.A']).toMatchObject({ found: true, words: 1 })
  })
  it('ignores code, alt text, HTML and link targets when counting words, but counts inline code and link text', () => {
    const text = '## Question 3.a\nVoici `app.py` [le lien](https://exemple.fr/a/b/c) :\n\n```python\nprint("un deux trois")\n```\n\n    indenté aussi\n\n![beaucoup de mots ici](a.png)\n<div class="x">rien</div>\n'
    const s = section(text, '3.a')
    expect(s.words).toBe(5)
    expect(s.codeBlocks).toEqual([{ lang: 'python', text: 'print("un deux trois")', line: 4 }, { text: 'indenté aussi', line: 8 }])
  })
})

describe('parseReport images', () => {
  const images = (body: string) => section(`## Question 4.b\n${body}\n`, '4.b').images.map(({ href, alt, syntax }) => ({ href, alt, syntax }))
  it('decodes <…> and %20 hrefs with spaces', () => {
    expect(images('![a b](<./Captures/TP1/Question 4b.png>)\n![c](./Captures/TP1/Question%204b.png "titre")')).toEqual([
      { href: './Captures/TP1/Question 4b.png', alt: 'a b', syntax: 'markdown' },
      { href: './Captures/TP1/Question 4b.png', alt: 'c', syntax: 'markdown' },
    ])
  })
  it('resolves reference-style images through their definition', () => {
    expect(images('![capture][c1] et ![C2]\n\n[c1]: ./Captures/TP1/un%20deux.png\n[c2]: <./Captures/TP1/trois quatre.png>')).toEqual([
      { href: './Captures/TP1/un deux.png', alt: 'capture', syntax: 'reference' },
      { href: './Captures/TP1/trois quatre.png', alt: 'C2', syntax: 'reference' },
    ])
  })
  it('reads raw HTML <img> tags, block and inline', () => {
    const s = section('## Question 4.b\n<img src="./Captures/TP1/a&amp;b.png" alt="A" width="400">\n\nTexte <img data-src="x.png" src=\'./b%20c.png\'> fin\n', '4.b')
    expect(s.images).toEqual([
      { href: './Captures/TP1/a&b.png', alt: 'A', line: 2, syntax: 'html' },
      { href: './b c.png', alt: '', line: 4, syntax: 'html' },
    ])
    expect(s.words).toBe(2)
  })
  it('keeps images Markdown shows as text because of a space in the path', () => {
    const s = section('## Question 4.b\nAvant\n![Q 4b](./Captures/TP1/Question 4b.png)\n', '4.b')
    expect(s.images).toEqual([{ href: './Captures/TP1/Question 4b.png', alt: 'Q 4b', line: 3, syntax: 'unrendered' }])
    expect(s.words).toBe(1)
  })
})

describe('answerStatus', () => {
  const opts = { minWords: 10, screenshot: false, validImages: 0 }
  it('gives its reason and the counts it rests on, for the catalogue to say', () => {
    expect(answerStatus(undefined, opts).why).toEqual({ reason: 'no-section' })
    expect(answerStatus(section('## Question 4.a\nJe ne sais pas.\n', '4.a'), opts).why).toEqual({ reason: 'too-few-words', words: 4, minWords: 10 })
    expect(answerStatus(section('## Q4b\n![](a.png)\n', '4.b'), opts).why).toEqual({ reason: 'too-few-words', words: 0, minWords: 10, screenshot: 'alone' })
  })
  it('does not count a heading with nothing under it', () => {
    const s = section('## Question 4.a\n\n## Question 4.b\nDu texte.\n', '4.a', ['4.a', '4.b'])
    expect(status(s, opts)).toEqual({ answered: false, why: 'empty section' })
    expect(status(s, { ...opts, screenshot: true })).toEqual({ answered: false, why: 'no screenshot and 0 words, 10 expected' })
  })
  it('explains a missing section and a short answer', () => {
    expect(status(undefined, opts)).toEqual({ answered: false, why: 'no section found' })
    expect(status(section('## Question 4.a\nJe ne sais pas.\n', '4.a'), opts)).toEqual({ answered: false, why: '4 words, 10 expected' })
  })
  it('accepts enough prose, a code block, or a valid screenshot', () => {
    expect(status(section('## Q4a\nun deux trois quatre cinq six sept huit neuf dix\n', '4.a'), opts)).toEqual({ answered: true, why: '10 words' })
    expect(status(section('## Q3a\n```\nx\n```\n', '3.a'), opts)).toEqual({ answered: true, why: '1 code block' })
    const shot = section('## Q4b\n![](a.png)\n', '4.b')
    expect(status(shot, { ...opts, screenshot: true, validImages: 1 })).toEqual({ answered: true, why: '1 valid screenshot' })
    expect(status(shot, { ...opts, screenshot: true, validImages: 0 })).toEqual({ answered: false, why: 'no valid screenshot and 0 words, 10 expected' })
    expect(status(shot, opts).answered).toBe(false)
  })
  it('answers a file question by the file pasted with or without a fence, or by its screenshot', () => {
    const file = { minWords: 8, screenshot: false, kind: 'file' as const }
    const unfenced = section('Question 3.b :\n\nFROM python:3.13-slim\n\nWORKDIR /app\n\nCOPY app.py .\n', '3.b')
    expect(status(unfenced, { ...file, validImages: 0 })).toEqual({ answered: true, why: '3 lines of code pasted without a code block' })
    const shot = section('## Question 3.b\n![Dockerfile](d.png)\n', '3.b')
    expect(status(shot, { ...file, validImages: 1 })).toEqual({ answered: true, why: '1 valid screenshot' })
    expect(status(shot, { ...file, validImages: 0 })).toEqual({ answered: false, why: 'no valid screenshot and 0 words, 8 expected' })
    const skeleton = section('## Question 3.b\n```dockerfile\nFROM ____________\n```\n', '3.b')
    expect(status(skeleton, { ...file, validImages: 0 }).why).toBe("only the statement's skeleton or commands to type: no answer of yours")
  })
  it('ignores an empty code block', () => {
    expect(status(section('## Q3a\n```python\n\n```\n', '3.a'), opts).answered).toBe(false)
  })
})

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}/README.md`, import.meta.url), 'utf8')
const GRADED = Object.keys(rubric.report.questions)
const kindOf = (id: string) => rubric.report.questions[id]!.answer
/** Whether each question is answered as the grader reads it, with every screenshot taken as valid. */
const answered = (text: string) => {
  const r = parseTp1Report(text, GRADED)
  return Object.fromEntries(GRADED.map((id) => {
    const s = r.questions[id]!
    const kind = kindOf(id)
    const status = kind === 'screenshot' ? s.found && s.images.length > 0 : answerStatus(s, { minWords: rubric.report.minWords, screenshot: false, validImages: s.images.length, kind }).answered
    return [id, status]
  }))
}
const only = (answers: Record<string, boolean>, value: boolean) => Object.keys(answers).filter((id) => answers[id] === value)

describe('parseReport on the styles students write', () => {
  it('reads labels written as plain paragraphs, exercise 1 by the statement’s step numbers, code pasted without fences', () => {
    const text = fixture('report-plain-labels')
    const r = parseTp1Report(text, GRADED)
    expect(r.questions['1.b']).toMatchObject({ found: true, how: 'label', heading: 'Question 2 :' })
    expect(r.questions['1.c']).toMatchObject({ found: true, how: 'label', heading: 'Question 3 :' })
    // "# app.py" and "# TODO…" became headings: they neither end the section nor count as the student's words.
    expect(r.questions['3.a']!.codeLines).toBeGreaterThanOrEqual(5)
    expect(r.questions['5.b']).toMatchObject({ found: true, how: 'title', heading: 'docker-compose.yml :' })
    expect(r.questions['5.b']!.codeLines).toBeGreaterThanOrEqual(10)
    expect(only(answered(text), false)).toEqual(['2.c'])
    expect(status(r.questions['2.c'], { minWords: 8, screenshot: false, validImages: 0 }).why).toBe("only the statement's own text, copied: no answer of yours")
  })

  it('reads the annotated statement: each answer under its step or request, the statement’s text set apart', () => {
    const text = fixture('report-annotated-statement')
    const r = parseTp1Report(text, GRADED)
    for (const id of GRADED) expect(r.questions[id]!.how, id).toBe(id === '2.a' ? 'request' : 'step')
    expect(r.questions['4.a']).toMatchObject({ heading: 'Étape 1 — Lancer le conteneur', excerpt: { kind: 'words', text: expect.stringMatching(/^L'option relie le port 8000/) } })
    expect(r.questions['4.a']!.statementWords).toBeGreaterThan(10)
    expect(r.questions['1.b']!.images.map((i) => i.href)).toEqual(['static/img/hello_world.png'])
    expect(only(answered(text), false)).toEqual(['7.e'])
  })

  it('answers nothing for the statement alone', () => {
    const text = fixture('report-statement-only')
    const r = parseTp1Report(text, GRADED)
    expect(GRADED.filter((id) => !r.questions[id]!.found)).toEqual([])
    expect(only(answered(text), true)).toEqual([])
    for (const id of GRADED.filter((q) => kindOf(q) !== 'screenshot')) {
      expect(status(r.questions[id], { minWords: 8, screenshot: false, validImages: 0, kind: kindOf(id) }).why, id).toMatch(/statement|empty section/)
    }
  })

  it('reads a report without a blank line under an <img> line, and a bold label with its answer on the next line', () => {
    const r = parseTp1Report(fixture('report-img-tag-bold-label'), GRADED)
    for (const id of GRADED) expect(r.questions[id]!.found, id).toBe(true)
    expect(r.questions['6.b']!.images).toEqual([{ href: './Captures/TP1/Question_6B.png', alt: 'Session psql', line: 105, syntax: 'html' }])
    expect(r.questions['5.e']).toMatchObject({ how: 'label', line: 96, heading: 'Question 5.e' })
    expect(r.questions['5.e']!.words).toBeGreaterThan(40)
    expect(r.questions['8.b']!.words).toBeGreaterThan(80)
  })

  it('reads screenshots whatever their names and links', () => {
    const r = parseTp1Report(fixture('report-screenshot-names'), GRADED)
    expect(r.questions['1.b']!.images.map((i) => i.href)).toEqual(['images/Capture d’écran 2026-01-07 à 08.27.00.png'])
    expect(r.questions['1.c']!.images.map((i) => i.href)).toEqual(["images/Capture d'écran 2026-01-07 à 08.31.12.png"])
    expect(r.questions['4.b']!.images.map((i) => [i.syntax, i.href])).toEqual([['unrendered', 'images/réponse curl.png'], ['reference', 'images/réponse navigateur.png']])
    expect(r.questions['5.d']!.images.map((i) => [i.syntax, i.href])).toEqual([['wiki', 'Capture d’écran 2026-01-07 à 09.03.10.png']])
    expect(r.questions['6.b']!.images.map((i) => i.href)).toEqual(['/images/psql session.png'])
  })

  it('finds the questions of an exercise written under topic titles, without labels', () => {
    const text = [
      '## Exercice 4 : le conteneur de l’API', '',
      '**Lancement :**', '```bash', 'docker run -p 8000:8000 simple-api', '```', '![run](a.png)', '',
      '**Appel de l’API :** `curl http://localhost:8000/health`', '![curl](b.png)', '',
      '**Le mappage de ports :**', 'Le premier 8000 est le port de ma machine, le second celui du conteneur.', '',
      '**Ce que montre docker ps :**', '![ps](c.png)', '* Nom du conteneur : calm_turing', '',
      '**Stop :**', '![stop](d.png)', 'docker ps -a liste encore le conteneur arrêté, docker ps non.', '',
      '## Exercice 5 : Compose',
    ].join('\n')
    const r = parseTp1Report(text, ['4.a', '4.b', '4.c', '4.d'])
    expect(Object.values(r.questions).map((q) => q.images.map((i) => i.href))).toEqual([['a.png'], ['b.png'], ['c.png'], ['d.png']])
    expect(r.questions['4.a']).toMatchObject({ how: 'title', words: 18 })
    expect(r.questions['4.d']).toMatchObject({ how: 'title', heading: 'Stop :' })
  })

  it('reads "Question 4" over a whole exercise by the commands it shows', () => {
    const text = [
      '## Exercice 4', '### Question 4 :', '> *docker run -p 8000:8000 simple-api*', '![a](a.png)', '', '> *docker ps*', '![c](c.png)',
      '* le nom : calm_turing', '', '> *docker stop calm_turing*', '![d](d.png)', '', '## Exercice 8', '### Question 8.1 :', 'Un notebook ne se reproduit pas.',
    ].join('\n')
    const r = parseTp1Report(text, ['4.a', '4.b', '4.c', '4.d', '8.a'])
    expect(Object.values(r.questions).map((q) => q.images.map((i) => i.href))).toEqual([['a.png'], [], ['c.png'], ['d.png'], []])
    expect(r.questions['4.b']!.found).toBe(false)
    expect(r.questions['8.a']).toMatchObject({ found: true, how: 'label', words: 6 })
  })

  it('reads letter labels under exercise headings, and not an enumeration inside an answer', () => {
    const text = ['## Exercice 2', 'a) Une image est un modèle, le conteneur son exécution.', 'b :', '![b](b.png)', 'c) Le conteneur est arrêté.',
      '## Exercice 6', '### Question 6.a', 'Les options :', 'a) exec lance la commande', 'b) db est le service'].join('\n')
    const r = parseTp1Report(text, ['2.a', '2.b', '2.c', '6.a', '6.b'])
    expect(['2.a', '2.b', '2.c', '6.a'].map((id) => r.questions[id]!.found)).toEqual([true, true, true, true])
    expect(r.questions['2.b']!.images).toHaveLength(1)
    expect(r.questions['6.b']!.found).toBe(false)
    expect(r.questions['6.a']!.words).toBe(12)
  })

  it('gives a label used twice to the step or the exercise it stands in', () => {
    const text = ['## Exercice 7', '### Étape 3 — Redémarrer', '#### Question 7.c', 'un', '### Étape 4 — Diagnostic', '#### Question 7.c - suite', 'deux',
      '## Exercice 3', '### Question 3.c', 'trois', '## Exercice 5', '### Question 3.c', 'quatre'].join('\n')
    const r = parseTp1Report(text, ['7.c', '7.d', '3.c', '5.c'])
    expect(['7.c', '7.d', '3.c', '5.c'].map((id) => r.questions[id]!.words)).toEqual([1, 1, 1, 1])
  })

  it('gives screenshots before the first label to the one question left there, and continues an exercise headed twice', () => {
    const text = ['## Exercice 1', '![a](a.png)', '![b](b.png)', '### 1.c', 'La liste montre tous les conteneurs.', '## Exercice 3',
      'La commande docker build construit l’image étape par étape.', '## Exercice 3', '![c](c.png)'].join('\n')
    const r = parseTp1Report(text, ['1.b', '1.c', '3.c'])
    expect(r.questions['1.b']).toMatchObject({ found: true, how: 'place', images: [{ href: 'a.png' }, { href: 'b.png' }] })
    expect(r.questions['3.c']).toMatchObject({ found: true, how: 'words', images: [{ href: 'c.png' }] })
  })

  it('finds nothing in a text that is no report of this lab', () => {
    const r = parseTp1Report('# Mon projet\n\nUne API FastAPI dans Docker : docker build, docker run -p 8000:8000, puis docker compose up.\n\n## Installation\n\npip install fastapi\n', GRADED)
    expect(GRADED.filter((id) => r.questions[id]!.found)).toEqual([])
  })
})

describe('screenshotStatus', () => {
  const fence = '```'
  const sectionOf = (body: string[]) => parseTp1Report(['## Question 4.b', ...body].join('\n'), ['4.b']).questions['4.b']!
  const output = [{ json: { status: 'ok' } }]

  it('takes a valid screenshot first, then the output pasted as text', () => {
    const section = sectionOf([fence, '{"status":"ok"}', fence])
    expect(screenshotStatus(section, 1, 0, { shown: true, blocks: pastedBlocksOf(section) })).toEqual({ answered: true, why: { reason: 'valid-screenshots', count: 1 } })
    expect(screenshotStatus(section, 0, 0, { shown: true, blocks: pastedBlocksOf(section) })).toEqual({ answered: true, why: { reason: 'pasted-output', block: 'code', count: 1 } })
  })

  it('says what is missing: the section, the output, a screenshot that counts', () => {
    expect(screenshotStatus(undefined, 0, 0)).toEqual({ answered: false, why: { reason: 'no-section' } })
    const section = sectionOf([fence, 'curl http://localhost:8000/health', fence])
    expect(screenshotStatus(section, 0, 0, { shown: false, reason: 'command-only' })).toEqual({ answered: false, why: { reason: 'command-only' } })
    // A broken screenshot is the likelier mistake: its problem is what the sheet lists.
    expect(screenshotStatus(section, 0, 1, { shown: false, reason: 'command-only' })).toEqual({ answered: false, why: { reason: 'no-valid-screenshot' } })
    expect(screenshotStatus(section, 0, 0, { shown: false, reason: 'lacks', missing: output })).toEqual({ answered: false, why: { reason: 'output-lacks', missing: output } })
    expect(screenshotStatus(sectionOf(['Rien.']), 0, 0, { shown: false, reason: 'none' })).toEqual({ answered: false, why: { reason: 'no-screenshot' } })
  })

  it('reads quoted lines of a section as one block, a psql header over dashes included', () => {
    const section = sectionOf(['> current_database', '> ------------------', '>  demo', '', 'Texte.', '', '> {"status": "ok"}'])
    expect(pastedBlocksOf(section).map((b) => [b.kind, b.text])).toEqual([['quote', 'current_database\ndemo'], ['quote', '{"status": "ok"}']])
  })
})
