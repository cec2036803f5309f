import { describe, expect, it } from 'vitest'
import { openHtmlBlocks, reportLines } from './report-markdown.js'

const brief = (text: string) => reportLines(text).map(({ line, text: t, heading, bold, emphasised, quoted, item, images, code }) => ({
  line, text: t, ...(heading ? { heading } : {}), ...(bold ? { bold } : {}), ...(emphasised ? { emphasised } : {}), ...(quoted ? { quoted } : {}),
  ...(item ? { item: item.number ?? '-' } : {}), ...(images.length ? { images: images.map((i) => `${i.syntax}:${i.href}`) } : {}), ...(code ? { code: code.text } : {}),
}))

describe('reportLines', () => {
  it('reads each line of a paragraph apart, with its line number', () => {
    expect(brief('Étape 3 — Construire\nc) ![capture](a.png)\n**Question 5.e**\nLa réponse.\n')).toEqual([
      { line: 1, text: 'Étape 3 — Construire' },
      { line: 2, text: 'c)', images: ['markdown:a.png'] },
      { line: 3, text: 'Question 5.e', bold: { text: 'Question 5.e', rest: '' } },
      { line: 4, text: 'La réponse.' },
    ])
  })
  it('keeps a bold lead and what follows it, and tells italic requests', () => {
    expect(brief('**Question 4.a :** Le port est publié.\n\n*Expliquez le rôle de -p dans votre rapport.*\n')).toEqual([
      { line: 1, text: 'Question 4.a : Le port est publié.', bold: { text: 'Question 4.a :', rest: 'Le port est publié.' } },
      { line: 3, text: 'Expliquez le rôle de -p dans votre rapport.', emphasised: true },
    ])
  })
  it('numbers list items, reads blockquotes, headings, code and table rows', () => {
    expect(brief('### 2. Premiers pas\n\n2. **Listez** les conteneurs :\n   ```bash\n   docker ps -a\n   ```\n> Le conteneur est arrêté.\n\n| a | b |\n|---|---|\n| x | y |\n')).toEqual([
      { line: 1, text: '2. Premiers pas', heading: 3 },
      { line: 3, text: 'Listez les conteneurs :', bold: { text: 'Listez', rest: 'les conteneurs :' }, item: 2 },
      { line: 4, text: '', code: 'docker ps -a' },
      { line: 7, text: 'Le conteneur est arrêté.', quoted: true },
      { line: 9, text: 'a b' },
      { line: 11, text: 'x y' },
    ])
  })
  it('reads every way of writing a screenshot', () => {
    const lines = brief('![a](<x y.png>) ![b](x%20z.png) ![c][r] ![d](a b.png) ![[Capture d’écran.png|300]] <img src="h.png">\n\n[r]: ref.png\n')
    expect(lines[0]!.images).toEqual(['markdown:x y.png', 'markdown:x z.png', 'reference:ref.png', 'html:h.png', 'wiki:Capture d’écran.png', 'unrendered:a b.png'])
    expect(lines[0]!.text).toBe('')
  })
  it('takes a screenshot over "---" (a heading to Markdown) with its image', () => {
    expect(brief('![capture](a.png)\n---\nSuite\n')).toEqual([{ line: 1, text: '', heading: 2, images: ['markdown:a.png'] }, { line: 3, text: 'Suite' }])
  })
  it('reads the Markdown under an <img> line as Markdown, keeping the line numbers', () => {
    const text = '## Question 6.b\n<img src="./Captures/TP1/q6b.png" width="600">\n_Légende_\n## Question 6.c\n```yml\nservices:\n\n  db:\n```\n'
    expect(brief(text)).toEqual([
      { line: 1, text: 'Question 6.b', heading: 2 },
      { line: 2, text: '', images: ['html:./Captures/TP1/q6b.png'] },
      { line: 3, text: 'Légende', emphasised: true },
      { line: 4, text: 'Question 6.c', heading: 2 },
      { line: 5, text: '', code: 'services:\n\n  db:' },
    ])
  })
})

describe('openHtmlBlocks', () => {
  it('rewrites lines of tags alone, line for line, and leaves code fences and prose alone', () => {
    const text = '<p align="center">\n  <img src="a b.png" alt="A [1]">\n</p>\n```html\n<img src="x.png">\n```\nTexte <img src="y.png"> fin\n<div class="x">rien</div>\n'
    const out = openHtmlBlocks(text)
    expect(out.split('\n')).toHaveLength(text.split('\n').length)
    expect(out.split('\n').slice(0, 5)).toEqual(['', '  ![A 1](<a b.png> "tp1-grader:html")', '', '```html', '<img src="x.png">'])
    expect(out).toContain('Texte <img src="y.png"> fin\n<div class="x">rien</div>')
  })
})
