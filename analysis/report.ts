import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { toString } from 'mdast-util-to-string'
import { gfm } from 'micromark-extension-gfm'
import { messages } from '../rubric/index.js'

export type ReportEncoding = 'utf-8' | 'latin-1' | 'utf-16le' | 'utf-16be'
export interface DecodedReport { text: string; encoding: ReportEncoding; notes: string[] }

export interface CodeBlock { lang?: string; text: string; /** Line of the opening fence (or first line of an indented block). */ line: number }
/** How the image was written: 'unrendered' is `![alt](a b.png)` with a space, which Markdown shows as plain text. */
export type ImageSyntax = 'markdown' | 'reference' | 'html' | 'unrendered'
export interface ReportImage { href: string; alt: string; line: number; syntax: ImageSyntax }
export interface QuestionSection { found: boolean; line?: number; heading?: string; words: number; codeBlocks: CodeBlock[]; images: ReportImage[] }
export interface ReportSections {
  /** One entry per requested question id, keyed as the caller spelled it. */
  questions: Record<string, QuestionSection>
  /** Every code block and image of the report, with the id of the nearest question heading above it. */
  codeBlocks: (CodeBlock & { question?: string })[]
  images: (ReportImage & { question?: string })[]
}
export interface AnswerOptions { minWords: number; screenshot: boolean; validImages: number }

/** Decodes the report's bytes: UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1252 with a note; line ends become LF. */
export function decodeReport(buffer: Uint8Array): DecodedReport {
  const starts = (...bytes: number[]) => bytes.every((b, i) => buffer[i] === b)
  const decode = (label: string, skip: number) => new TextDecoder(label, { fatal: true }).decode(buffer.subarray(skip))
  const done = (text: string, encoding: ReportEncoding, notes: string[] = []): DecodedReport =>
    ({ text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), encoding, notes })
  for (const [bom, encoding] of [[[0xff, 0xfe], 'utf-16le'], [[0xfe, 0xff], 'utf-16be']] as const) {
    if (!starts(...bom)) continue
    try {
      return done(decode(encoding, 2), encoding, [messages.report.encoding.utf16(encoding.toUpperCase())])
    } catch { break }
  }
  try {
    return done(decode('utf-8', starts(0xef, 0xbb, 0xbf) ? 3 : 0), 'utf-8')
  } catch {
    // WHATWG maps Latin-1 to Windows-1252, which every byte decodes in: this never throws.
    return done(new TextDecoder('windows-1252').decode(buffer), 'latin-1', [messages.report.encoding.latin1])
  }
}

/** The structural subset of mdast nodes this module reads. */
interface MdNode {
  type: string
  children?: MdNode[]
  value?: string
  url?: string
  alt?: string | null
  identifier?: string
  lang?: string | null
  depth?: number
  position?: { start: { line: number } }
}

// "Question 4.a.", "Q4a", "4.a)", "4a.", "Questions 4.a et 4.b"; without a letter only after "Question"/"Q" (else "4. Exécuter" would match).
const QUESTION = /^(?:(questions?|q)\s*(?:n\s*[°o]\s*)?\.?\s*)?0*(\d+)(?:\s*[.\-_/)]?\s*([a-z])(?![\p{L}\p{N}'’]))?/iu
const MORE_QUESTIONS = /^\s*(?:,|&|\/|\+|(?:et|and)(?=\s))\s*(?:(?:questions?|q)\s*)?(?:0*(\d+)\s*[.\-_]?\s*)?([a-z])(?![\p{L}\p{N}'’])/iu
const EXERCISE = /^(?:exercices?|exercises?|ex|partie|part|tp)(?!\p{L})/iu
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu
const UNRENDERED_IMAGE = /!\[([^\]\n]*)\]\(\s*([^)\n]+?)\s*\)/g
const IMG_TAG = /<img\b[^>]*>/gi
const BOLD_LINE_DEPTH = 7

/** "4.A" and "04a" become "4.a", the key headings are matched on. */
export function normaliseQuestionId(id: string): string {
  const m = /^\s*0*(\d+)\s*[.\-_]?\s*([a-z])?\s*$/i.exec(id)
  return m ? `${m[1]}${m[2] ? `.${m[2].toLowerCase()}` : ''}` : id.trim().toLowerCase()
}

/** The question ids a heading's text names, or [] when it is not a question heading. */
export function questionIdsOf(headingText: string): string[] {
  const text = headingText.replace(/^[^\p{L}\p{N}]+/u, '')
  const m = QUESTION.exec(text)
  if (!m || (!m[3] && !m[1])) return []
  const number = m[2]!
  const ids = [m[3] ? `${number}.${m[3].toLowerCase()}` : number]
  let rest = text.slice(m[0].length)
  for (let more = MORE_QUESTIONS.exec(rest); more && m[3]; more = MORE_QUESTIONS.exec(rest)) {
    ids.push(`${more[1] ?? number}.${more[2]!.toLowerCase()}`)
    rest = rest.slice(more[0].length)
  }
  return [...new Set(ids)]
}

interface HeadingInfo { ids: string[]; exercise: boolean; depth: number; text: string; line: number; rest: MdNode[] }

// A top-level heading, or a paragraph opening with a bold "**Question 4.a**" (its remaining text belongs to the section).
function headingOf(block: MdNode): HeadingInfo | undefined {
  const line = block.position?.start.line ?? 0
  const info = (text: string, depth: number, rest: MdNode[]) => ({ ids: questionIdsOf(text), exercise: EXERCISE.test(text.trim()), depth, text: text.trim(), line, rest })
  if (block.type === 'heading') return info(toString(block), block.depth ?? 1, [])
  if (block.type !== 'paragraph') return undefined
  const children = block.children ?? []
  const at = children.findIndex((c) => !(c.type === 'text' && !c.value?.trim()))
  const strong = children[at]
  if (strong?.type !== 'strong') return undefined
  const found = info(toString(strong), BOLD_LINE_DEPTH, children.slice(at + 1))
  return found.ids.length || found.exercise ? found : undefined
}

const countWords = (text: string): number => text.match(WORD)?.length ?? 0

function decodeHref(href: string): string {
  try {
    return decodeURIComponent(href.trim())
  } catch {
    return href.trim()
  }
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' }
function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (all, dec?: string, hex?: string, name?: string) => {
    const code = dec ? Number(dec) : hex ? Number.parseInt(hex, 16) : undefined
    if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : all
    return ENTITIES[name!.toLowerCase()] ?? all
  })
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag)
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined
}

const lineAt = (text: string, index: number, first: number) => first + (text.slice(0, index).match(/\n/g)?.length ?? 0)

interface Sink { words(n: number): void; code(c: CodeBlock): void; image(i: ReportImage): void }

// Walks one block: code blocks and images are collected, prose words counted (not code, alt text, HTML or link targets).
function collect(node: MdNode, sink: Sink, definitions: Map<string, string>): void {
  const line = node.position?.start.line ?? 0
  switch (node.type) {
    case 'code':
      sink.code({ ...(node.lang ? { lang: node.lang } : {}), text: node.value ?? '', line })
      return
    case 'image':
      sink.image({ href: decodeHref(node.url ?? ''), alt: node.alt ?? '', line, syntax: 'markdown' })
      return
    case 'imageReference': {
      const url = definitions.get(node.identifier ?? '')
      if (url !== undefined) sink.image({ href: decodeHref(url), alt: node.alt ?? '', line, syntax: 'reference' })
      return
    }
    case 'html':
      for (const m of (node.value ?? '').matchAll(IMG_TAG)) {
        const src = attribute(m[0], 'src')
        if (src !== undefined) sink.image({ href: decodeHref(src), alt: attribute(m[0], 'alt') ?? '', line: lineAt(node.value!, m.index, line), syntax: 'html' })
      }
      return
    case 'definition':
      return
    case 'text':
    case 'inlineCode': {
      const value = node.value ?? ''
      if (node.type === 'text') {
        for (const m of value.matchAll(UNRENDERED_IMAGE)) sink.image({ href: decodeHref(m[2]!), alt: m[1]!, line: lineAt(value, m.index, line), syntax: 'unrendered' })
      }
      sink.words(countWords(node.type === 'text' ? value.replace(UNRENDERED_IMAGE, ' ') : value))
      return
    }
  }
  for (const child of node.children ?? []) collect(child, sink, definitions)
}

function definitionsOf(node: MdNode, into = new Map<string, string>()): Map<string, string> {
  if (node.type === 'definition' && node.identifier !== undefined && !into.has(node.identifier)) into.set(node.identifier, node.url ?? '')
  for (const child of node.children ?? []) definitionsOf(child, into)
  return into
}

/** Splits the report into the requested questions' sections; a repeated question heading adds to the first one. */
export function parseReport(text: string, questions: readonly string[]): ReportSections {
  const tree: MdNode = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  const definitions = definitionsOf(tree)
  const wanted = new Map(questions.map((q) => [normaliseQuestionId(q), q]))
  const result: ReportSections = { questions: {}, codeBlocks: [], images: [] }
  for (const q of questions) result.questions[q] = { found: false, words: 0, codeBlocks: [], images: [] }

  let open: { depth: number; targets: QuestionSection[] } | undefined
  let nearest: string | undefined
  const sink: Sink = {
    words: (n) => open?.targets.forEach((s) => (s.words += n)),
    code: (c) => {
      open?.targets.forEach((s) => s.codeBlocks.push(c))
      result.codeBlocks.push({ ...c, ...(nearest ? { question: nearest } : {}) })
    },
    image: (i) => {
      open?.targets.forEach((s) => s.images.push(i))
      result.images.push({ ...i, ...(nearest ? { question: nearest } : {}) })
    },
  }

  for (const block of tree.children ?? []) {
    const h = headingOf(block)
    let body = [block]
    if (h?.ids.length) {
      nearest = wanted.get(h.ids[0]!) ?? h.ids[0]
      const keys = [...new Set(h.ids.flatMap((id) => wanted.get(id) ?? []))]
      const targets = keys.map((k) => result.questions[k]!)
      for (const s of targets.filter((t) => !t.found)) Object.assign(s, { found: true, line: h.line, heading: h.text })
      open = { depth: h.depth, targets }
      body = h.rest
    } else if (h && (h.exercise || h.depth <= (open?.depth ?? 0))) {
      open = undefined
      body = h.rest
    }
    for (const node of body) collect(node, sink, definitions)
  }
  return result
}

/** Whether a question counts as answered: enough prose, a code block, or (screenshot questions) a valid image. */
export function answerStatus(section: QuestionSection | undefined, options: AnswerOptions): { answered: boolean; why: string } {
  const t = messages.report.answer
  if (!section?.found) return { answered: false, why: t.noSection }
  const code = section.codeBlocks.filter((c) => c.text.trim() !== '').length
  if (options.screenshot && options.validImages > 0) return { answered: true, why: t.validScreenshots(options.validImages) }
  if (section.words >= options.minWords) return { answered: true, why: t.words(section.words) }
  if (code > 0) return { answered: true, why: t.codeBlocks(code) }
  const words = t.tooFewWords(section.words, options.minWords)
  if (options.screenshot) return { answered: false, why: t.screenshotAndWords(section.images.length ? t.noValidScreenshot : t.noScreenshot, words) }
  if (section.words === 0 && section.images.length === 0) return { answered: false, why: t.emptySection }
  return { answered: false, why: section.images.length ? t.screenshotAlone(words) : words }
}
