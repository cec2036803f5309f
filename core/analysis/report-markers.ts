import type { ReportLine } from './report-markdown.js'

/**
 * What a line of a report says about its structure: a question label ("Question 4.a", "4.a)", "b :"), an exercise
 * ("Exercice 4", "### 4. Titre"), a step ("Étape 2"), the statement's own wording (its requests, its skeletons), and
 * which request a text names by its words. Pure text functions; analysis/report.ts puts them together.
 */

/** Lowercase, without accents, one kind of apostrophe and dash, spaces collapsed: the form labels and words are matched in. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘´`]/g, "'")
    .replace(/[‐-―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
}

// "Question 4.a.", "Q4a", "4.a)", "4a.", "Questions 4.a et 4.b"; without a letter only after "Question"/"Q" (else "4. Exécuter" would match).
const QUESTION = /^(?:(questions?|questio|q)\s*(?:n\s*[°o]\s*)?\.?\s*)?0*(\d+)(?:\s*[.\-_/)]?\s*([a-z])(?![\p{L}\p{N}'’]))?/iu
// "Question 8.1": a number after the dot stands for a letter, only after "Question"/"Q" ("3.9" is a version).
const NUMBERED_QUESTION = /^(?:questions?|questio|q)\s*(?:n\s*[°o]\s*)?\.?\s*0*(\d+)\s*[.\-_]\s*(\d{1,2})(?!\d)/iu
const MORE_QUESTIONS = /^\s*(?:,|&|\/|\+|-|–|(?:et|and)(?=\s))\s*(?:(?:questions?|q)\s*)?(?:0*(\d+)\s*[.\-_]?\s*)?([a-z])(?![\p{L}\p{N}'’])/iu
// "a)", "b :", "c.", "d -" at the start of a line: the letter of a question of the current exercise.
const LETTER = /^\(?([a-h])(?:\s*\)|\s*:|\.(?=\s|$)|\s+-\s)/u
const BARE_QUESTION = /^questions?\s*:/iu
const LEADING_DECORATION = /^[^\p{L}\p{N}]+/u
const ENUMERATOR = /^\d{1,2}\s*[.)]\s+(?=q)/iu

/** What a label names: full ids ("4.a"), a number alone ("Question 2"), a letter alone ("b)"), or nothing ("Question :"). */
export interface Label {
  ids: string[]
  number?: number
  letter?: string
  /** The text after the label on the same line. */
  rest: string
}

/** The question ids a heading's text names, or [] when it is not a question heading ("Question 8" gives "8"). */
export function questionIdsOf(headingText: string): string[] {
  const label = readLabel(headingText)
  if (!label) return []
  if (label.ids.length) return label.ids
  return label.number === undefined ? [] : [String(label.number)]
}

/** Reads a question label at the start of a line, heading or bold run. */
export function readLabel(text: string): Label | undefined {
  const line = text.replace(LEADING_DECORATION, '').replace(ENUMERATOR, '')
  const numbered = NUMBERED_QUESTION.exec(line)
  if (numbered) {
    const letter = String.fromCharCode(96 + Number(numbered[2]))
    return { ids: [`${numbered[1]}.${letter}`], rest: line.slice(numbered[0].length) }
  }
  const m = QUESTION.exec(line)
  if (m && (m[3] || m[1])) {
    const number = m[2]!
    if (!m[3]) return { ids: [], number: Number(number), rest: line.slice(m[0].length) }
    const ids = [`${number}.${m[3].toLowerCase()}`]
    let rest = line.slice(m[0].length)
    for (let more = MORE_QUESTIONS.exec(rest); more; more = MORE_QUESTIONS.exec(rest)) {
      ids.push(`${more[1] ?? number}.${more[2]!.toLowerCase()}`)
      rest = rest.slice(more[0].length)
    }
    return { ids: [...new Set(ids)], rest }
  }
  const letter = LETTER.exec(text.trimStart())
  if (letter) return { ids: [], letter: letter[1]!, rest: text.trimStart().slice(letter[0].length) }
  if (BARE_QUESTION.test(line)) return { ids: [], rest: line.replace(BARE_QUESTION, '') }
  return undefined
}

const EXERCISE = /^(?:exercices?|exercises?|exercies?|execices?|exos?|ex|partie|part)\s*\.?\s*(?:n\s*[°o]\.?\s*)?0*(\d{1,2})(?!\d)/iu
const EXERCISE_WORD = /^(?:exercices?|exercises?|ex|partie|part|tp)(?!\p{L})/iu
const NUMBERED_TITLE = /^0*(\d{1,2})\s*[.)\-–—:]\s+\p{L}/u
const STEP = /^(?:etapes?|steps?)\s*0*(\d{1,2})(?!\d)/u

/** "Exercice 4 : …", "EXERCICE 4", "Ex. 4", "Partie 4": the exercise number. */
export function readExercise(text: string): number | undefined {
  const m = EXERCISE.exec(text.replace(LEADING_DECORATION, ''))
  return m ? Number(m[1]) : undefined
}

/** A heading such as "Exercices" or "TP1 rappel": no exercise of its own, but the end of the one before. */
export const isExerciseWord = (text: string): boolean => EXERCISE_WORD.test(text.replace(LEADING_DECORATION, ''))

const ROMAN_TITLE = /^(viii|vii|vi|iv|ix|v|iii|ii|i|x)\s*[.)\-–—:]\s+\p{L}/iu
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 }

/** "4. Exécuter l’API…", "IV. Exécuter l’API…": the number of a numbered title (an exercise or a step, by its level). */
export function readNumberedTitle(text: string): { number: number; roman: boolean } | undefined {
  const title = text.replace(/^[^\p{L}\p{N}]*/u, '')
  const m = NUMBERED_TITLE.exec(title)
  if (m) return { number: Number(m[1]), roman: false }
  const r = ROMAN_TITLE.exec(title)
  return r ? { number: ROMAN[r[1]!.toLowerCase()]!, roman: true } : undefined
}

/** "Étape 2 — Tester…", "Step 2": the step number. */
export function readStep(text: string): number | undefined {
  const m = STEP.exec(normalise(text).replace(/^[^a-z0-9]+/, ''))
  return m ? Number(m[1]) : undefined
}

// The statement speaks to the student: "vous", "votre", imperatives in -ez ("Expliquez", "tapez"); students write "on", "je", "nous".
const SECOND_PERSON = /(?:^|[^a-z])(?:vous|votre|vos)(?![a-z])|[a-z]{2,}ez(?![a-z])/
const NOT_IMPERATIVE = /(?:^|[^a-z])(?:chez|assez|nez|rez|lez)(?![a-z])/g
const SKELETON = /_{3,}|^\s*#?\s*todo\b/i
// Infinitives that open an instruction ("Définir un service…", "Arrêter les services…"); words that only look like one.
const INFINITIVE = /^[a-z]{2,}(?:er|ir|re)$/
const NOT_INFINITIVE = new Set(['docker', 'premier', 'dernier', 'entier', 'hier', 'cluster', 'server', 'container', 'user', 'entre', 'contre', 'notre', 'votre', 'autre', 'cadre', 'ordre', 'titre', 'libre', 'propre', 'quatre', 'nombre', 'membre', 'lettre', 'filtre', 'chiffre', 'outre', 'after', 'other', 'under', 'never', 'over', 'answer', 'layer', 'either', 'here', 'there', 'where', 'before', 'more', 'core', 'store', 'sur', 'pour', 'par', 'leur', 'plusieurs'])

/** Whether a sentence is the statement's: it addresses the student, asks a question, or is a skeleton to fill in. */
export function isStatementSentence(sentence: string): boolean {
  const s = normalise(sentence).replace(NOT_IMPERATIVE, ' ')
  // A question asks the student, unless it is Python's own ("Did you mean: 'app'?") quoted in an answer.
  return SECOND_PERSON.test(s) || (/\?\s*\)?$/.test(s) && !/did you mean/.test(s)) || SKELETON.test(sentence)
}

/** Whether a line opens with an infinitive, as the statement's instructions do ("Définir un service db…"). */
export function opensWithInfinitive(text: string): boolean {
  const first = normalise(text).replace(/^[^a-z]+/, '').split(/[^a-z]/)[0] ?? ''
  return INFINITIVE.test(first) && !NOT_INFINITIVE.has(first)
}

/** Splits a line into sentences, keeping each one's words. */
export const sentences = (text: string): string[] => text.split(/(?<=[.!?…])\s+/u).filter((s) => s.trim() !== '')

/**
 * What of a line the student wrote, the statement's text set apart: its requests are in italics (a list of them, or
 * ending in ":"), its lists of instructions open each item with an infinitive and end them with ";" ("Définir un
 * service db … ;"), its sentences speak to the student, and the commands it gives are to be typed, not answers.
 */
export function ownText(line: ReportLine, text = line.text): string {
  if (text.trim() === '' || isCommand(text)) return ''
  const list = line.item?.list ?? []
  const instructions = opensWithInfinitive(text) && list.filter(opensWithInfinitive).length >= 2 && list.some((i) => /;\s*$/.test(i))
  // "relevez : * son nom ; * son image ; * son port." — the statement's enumeration of what to report, a few words each.
  const enumeration = list.length >= 2 && list.every((i) => /[;.]\s*$/.test(i) && i.split(/\s+/).filter(Boolean).length <= 4) && list.slice(0, -1).every((i) => /;\s*$/.test(i))
  if (instructions || enumeration || (line.emphasised && (line.item !== undefined || /[;:]\s*$/.test(text) || opensWithInfinitive(text)))) return ''
  const parts = sentences(text)
  // An italic request is one piece: a sentence of it that speaks to the student makes it all the statement's.
  if (line.emphasised && parts.some(isStatementSentence)) return ''
  return parts.filter((s) => !isStatementSentence(s)).join(' ')
}

const COMMAND = /^(?:\$\s*|>\s*|#\s*|[\w.-]+@[\w.-]+:\S*[$#]\s*|[a-z]:\\[^>]*>\s*)?(?:sudo\s+)?(?:(?:docker(?:-compose)?|curl|wget|ls|uname|exit|cd|sh|bash|psql|select|mkdir|touch|cat|echo|git|nano|vim?|apt(?:-get)?|brew|wsl|systemctl)(?![\w-])|https?:\/\/|(?:python3?|pip3?)\s+(?:-|install\b|\S+\.py\b))/i

// Words a French sentence can hardly do without; a command line has none (outside its quoted strings).
const FUNCTION_WORD = /(?:^|\s)(?:le|la|les|un|une|des|du|de|est|sont|a|ont|et|ou|qui|que|pour|dans|sur|avec|sans|pas|ne|il|elle|on|ce|cette|ces|son|sa|ses|leur|au|aux|par|mais|donc|car|affiche|permet|montre|the|is|are|and|of|to)(?=$|[\s,.;:!?])|(?:^|\s)(?:l|d|n|qu|j|c|s)'/

/** Whether a line is a command to type (possibly after a prompt), as the statement shows them: not an answer. */
export const isCommand = (line: string): boolean =>
  COMMAND.test(line.trim()) && !FUNCTION_WORD.test(normalise(line).replace(/"[^"]*"|'[^']*'/g, ' ').replace(/^\S+/, ''))

export type CodeKind = 'answer' | 'commands' | 'skeleton'

/** A code block is the statement's skeleton (blanks to fill), a list of commands to type, or something the student wrote. */
export function classifyCode(text: string): CodeKind {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '')
  if (lines.length === 0) return 'commands'
  if (/_{3,}/.test(text)) return 'skeleton'
  return lines.every(isCommand) ? 'commands' : 'answer'
}

const CODE_LINE = [
  /^(?:from\s+[\w.]+\s+import\s|import\s+\w|def\s+\w+\s*\(|class\s+\w+|return\s|@\w+(?:\.\w+)*\(|\w+\s*=\s*\w+\()/, // Python
  /^(?:FROM|WORKDIR|COPY|ADD|RUN|CMD|ENTRYPOINT|EXPOSE|ENV|ARG|USER|VOLUME|LABEL)\s+\S/, // Dockerfile
  /^(?:[\w.-]+:(?:\s+\S.*)?|-\s+["']?[\w.:/${}-]+["']?)$/, // YAML: "key:", "key: value", "- item"
]

/** A line that is code pasted without a fence (Python, Dockerfile or YAML), e.g. from a word processor. */
export const isCodeLine = (line: string): boolean => CODE_LINE.some((re) => re.test(line.trim()))

/** A request of the statement: its exercise, its step, and the words a report names it by (see rubric/tp1.ts). */
export interface Request {
  id: string
  exercise: number
  step?: number
  about: readonly string[]
  graded: boolean
}

interface Term { text: string; prefix: boolean; owners: string[] }

/** Scores texts against requests by the words they name them by; the longest term wins where terms overlap. */
export class Vocabulary {
  private readonly terms: Term[]

  constructor(requests: readonly Request[]) {
    const byText = new Map<string, Term>()
    for (const r of requests) {
      for (const word of r.about) {
        const prefix = word.endsWith('*')
        const text = normalise(prefix ? word.slice(0, -1) : word)
        const key = `${text}${prefix ? '*' : ''}`
        const term = byText.get(key) ?? { text, prefix, owners: [] }
        term.owners.push(r.id)
        byText.set(key, term)
      }
    }
    this.terms = [...byText.values()].sort((a, b) => b.text.length - a.text.length)
  }

  /** How many of each request's words the text names (each part of the text counts once). */
  scores(text: string, among: ReadonlySet<string>): Map<string, number> {
    let rest = ` ${normalise(text)} `
    const found = new Map<string, Set<string>>()
    for (const term of this.terms) {
      const owners = term.owners.filter((o) => among.has(o))
      if (owners.length === 0) continue
      const before = /^[a-z0-9]/.test(term.text) ? '(?<![a-z0-9])' : ''
      const after = !term.prefix && /[a-z0-9]$/.test(term.text) ? '(?![a-z0-9])' : ''
      const re = new RegExp(`${before}${escape(term.text)}${after}`, 'g')
      if (!re.test(rest)) continue
      rest = rest.replace(re, (m) => ' '.repeat(m.length))
      for (const o of owners) (found.get(o) ?? found.set(o, new Set()).get(o)!).add(term.text)
    }
    return new Map([...found].map(([id, terms]) => [id, terms.size]))
  }

  /** The request the text names best, when one does better than every other. */
  best(text: string, among: ReadonlySet<string>, prefer: (id: string) => number = () => 0): { id: string; score: number } | undefined {
    const ranked = [...this.scores(text, among)].sort((a, b) => b[1] - a[1] || prefer(b[0]) - prefer(a[0]))
    const [first, second] = ranked
    if (!first) return undefined
    if (second && second[1] === first[1] && prefer(second[0]) === prefer(first[0])) return undefined
    return { id: first[0], score: first[1] }
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
