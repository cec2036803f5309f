import { describe, expect, it } from 'vitest'
import { labs } from '../../labs/index.js'
import { catalogue, catalogues, LANGUAGES, type Language } from './index.js'

type Tree = { [key: string]: unknown }

/** Every leaf of a catalogue: its path, and what it is (a string, or a function of so many parameters). */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') found.set(path, value.trim() ? 'string' : 'EMPTY string')
    else if (typeof value === 'function') found.set(path, `function of ${value.length} parameter(s)`)
    else if (value && typeof value === 'object') for (const [p, kind] of leaves(value as Tree, path)) found.set(p, kind)
    else found.set(path, `unexpected ${typeof value}`)
  }
  return found
}

/** The core's catalogue and every lab's words, by language: each is checked as the core's is. */
const wordSets: Array<[string, Readonly<Record<Language, object>>]> = [['the core', catalogues], ...Object.values(labs).map((lab) => [`lab ${lab.name}`, lab.words] as [string, Readonly<Record<Language, object>>])]

describe.each(wordSets)('the message catalogue of %s', (_name, words) => {
  const reference = leaves(words.en as Tree)

  it('holds messages, none of them empty', () => {
    expect(reference.size).toBeGreaterThan(5)
    expect([...reference].filter(([, kind]) => kind !== 'string' && !kind.startsWith('function'))).toEqual([])
  })

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the English keys, each of the same kind', (language) => {
    const translated = leaves(words[language] as Tree)
    const missing = [...reference.keys()].filter((k) => !translated.has(k))
    const extra = [...translated.keys()].filter((k) => !reference.has(k))
    const different = [...reference].filter(([k, kind]) => translated.has(k) && translated.get(k) !== kind).map(([k, kind]) => `${k}: en ${kind}, ${language} ${translated.get(k)}`)
    expect({ missing, extra, different }).toEqual({ missing: [], extra: [], different: [] })
  })

  it('French is translated, not copied: few strings are the same as the English ones', () => {
    const fr = words.fr as Tree
    const en = words.en as Tree
    const same = (a: Tree, b: Tree, prefix = ''): string[] =>
      Object.entries(a).flatMap(([key, value]) => {
        const other = b[key]
        if (typeof value === 'string') return value === other && /[a-z]{4,} [a-z]{4,}/.test(value) ? [`${prefix}${key}`] : []
        return value && typeof value === 'object' && other && typeof other === 'object' ? same(value as Tree, other as Tree, `${prefix}${key}.`) : []
      })
    // Instruction titles such as "RUN pip install fastapi uvicorn" read the same in both languages.
    expect(same(fr, en).filter((k) => !k.startsWith('rubric.items.'))).toEqual([])
  })
})

describe('the message catalogues', () => {
  it('hold a few hundred messages, the core\'s and the labs\'', () => {
    expect(wordSets.reduce((n, [, words]) => n + leaves(words.en as Tree).size, 0)).toBeGreaterThan(200)
  })

  it.each(LANGUAGES)('in %s, a plain pass reads as the sheet\'s "passed" status (the sheet tells notes apart by it)', (language) => {
    expect(catalogue(language).verdict.passed).toBe(catalogue(language).sheet.status.passed)
  })

})
