import { readFileSync } from 'node:fs'
import { describe, it, expect } from 'vitest'
import { answerStatus, decodeReport, normaliseQuestionId, parseReport, questionIdsOf } from './report.js'

const reference = readFileSync(new URL('../student-submission/README.md', import.meta.url))
const QUESTIONS = '1.b,1.c,2.a,2.b,2.c,2.d,3.a,3.b,3.c,4.a,4.b,4.c,4.d,5.b,5.c,5.d,5.e,6.a,6.b,6.c,7.a,7.b,7.c,7.d,7.e,8.a,8.b'.split(',')
const section = (text: string, id: string, ids = [id]) => parseReport(text, ids).questions[id]!

describe('decodeReport', () => {
  it('decodes the reference as UTF-8 without notes', () => {
    const r = decodeReport(reference)
    expect(r).toMatchObject({ encoding: 'utf-8', notes: [] })
    expect(r.text).toContain('Installation de Docker et vérification de l’environnement')
  })
  it('strips a UTF-8 BOM and turns CRLF and CR into LF', () => {
    const r = decodeReport(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Titre\r\n## Question 4.a\rRéponse\r\n')]))
    expect(r).toEqual({ text: '# Titre\n## Question 4.a\nRéponse\n', encoding: 'utf-8', notes: [] })
  })
  it('falls back to Latin-1 with a note when the bytes are not UTF-8', () => {
    const r = decodeReport(Buffer.from('## Question 4.a\r\nLe paramètre est utilisé\r\n', 'latin1'))
    expect(r.text).toBe('## Question 4.a\nLe paramètre est utilisé\n')
    expect(r.encoding).toBe('latin-1')
    expect(r.notes[0]).toMatch(/not valid UTF-8.*save it as UTF-8/)
  })
  it('decodes UTF-16 with a BOM, with a note', () => {
    const le = decodeReport(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('## Question 4.a\r\nété\r\n', 'utf16le')]))
    expect(le).toMatchObject({ text: '## Question 4.a\nété\n', encoding: 'utf-16le' })
    expect(le.notes[0]).toContain('UTF-16LE')
    const be = Buffer.from('é\n', 'utf16le').swap16()
    expect(decodeReport(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ text: 'é\n', encoding: 'utf-16be' })
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
  const report = parseReport(decodeReport(reference).text, QUESTIONS)
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
    const r = parseReport(text, ['4.a', '4.b', '5.a'])
    expect([r.questions['4.a']!.words, r.questions['4.b']!.words, r.questions['5.a']!.words]).toEqual([1, 2, 4])
  })
  it('keeps deeper headings that only look like "Ex…" or "Part…" in the section', () => {
    expect(section('## Question 7.d\nun\n### Exécution\ndeux\n### Particularités\ntrois\n### TP1 rappel\nhors\n', '7.d').words).toBe(5)
  })
  it('ends a bold-line section at any real heading', () => {
    expect(section('**Question 4.a**\nun\n#### Note\nhors\n', '4.a').words).toBe(1)
  })
  it('shares a section between the questions of one heading, and merges a repeated heading', () => {
    const r = parseReport('## Questions 4.a et 4.b\nun deux\n## Question 4.c\ntrois\n## Question 4.a (suite)\nquatre\n', ['4.a', '4.b', '4.c'])
    expect(r.questions['4.a']).toMatchObject({ found: true, line: 1, words: 3 })
    expect(r.questions['4.b']).toMatchObject({ found: true, line: 1, words: 2 })
  })
  it('reports a missing question as not found', () => {
    expect(section('## Question 4.a\ntexte\n', '4.b')).toEqual({ found: false, words: 0, codeBlocks: [], images: [] })
  })
  it('keys results by the caller’s spelling', () => {
    expect(parseReport('## Q4a\nun\n', ['4.A']).questions['4.A']).toMatchObject({ found: true, words: 1 })
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
  it('does not count a heading with nothing under it', () => {
    const s = section('## Question 4.a\n\n## Question 4.b\nDu texte.\n', '4.a', ['4.a', '4.b'])
    expect(answerStatus(s, opts)).toEqual({ answered: false, why: 'empty section' })
    expect(answerStatus(s, { ...opts, screenshot: true })).toEqual({ answered: false, why: 'no screenshot and 0 words, 10 expected' })
  })
  it('explains a missing section and a short answer', () => {
    expect(answerStatus(undefined, opts)).toEqual({ answered: false, why: 'no section found' })
    expect(answerStatus(section('## Question 4.a\nJe ne sais pas.\n', '4.a'), opts)).toEqual({ answered: false, why: '4 words, 10 expected' })
  })
  it('accepts enough prose, a code block, or a valid screenshot', () => {
    expect(answerStatus(section('## Q4a\nun deux trois quatre cinq six sept huit neuf dix\n', '4.a'), opts)).toEqual({ answered: true, why: '10 words' })
    expect(answerStatus(section('## Q3a\n```\nx\n```\n', '3.a'), opts)).toEqual({ answered: true, why: '1 code block' })
    const shot = section('## Q4b\n![](a.png)\n', '4.b')
    expect(answerStatus(shot, { ...opts, screenshot: true, validImages: 1 })).toEqual({ answered: true, why: '1 valid screenshot' })
    expect(answerStatus(shot, { ...opts, screenshot: true, validImages: 0 })).toEqual({ answered: false, why: 'no valid screenshot and 0 words, 10 expected' })
    expect(answerStatus(shot, opts).answered).toBe(false)
  })
  it('ignores an empty code block', () => {
    expect(answerStatus(section('## Q3a\n```python\n\n```\n', '3.a'), opts).answered).toBe(false)
  })
})
