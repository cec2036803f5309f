import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'

export interface CodeBlock { lang?: string; text: string; /** Line of the opening fence (or first line of an indented block). */ line: number }
/**
 * How the image was written: 'unrendered' is `![alt](a b.png)` with a space, which Markdown shows as plain text;
 * 'wiki' is Obsidian's `![[a b.png]]`, which names the file wherever it is in the vault.
 */
export type ImageSyntax = 'markdown' | 'reference' | 'html' | 'unrendered' | 'wiki'
export interface ReportImage { href: string; alt: string; line: number; syntax: ImageSyntax }

/** One line of the report as a reader sees it: a heading, a line of a paragraph, a code block, a table row. */
export interface ReportLine {
  line: number
  /** Lines of one paragraph (or list item's paragraph) share their block number. */
  block: number
  /** The prose of the line: text, inline code and link text; never images, HTML or link targets. */
  text: string
  /** Heading depth (1–6) when the line is a heading. */
  heading?: number
  /** The bold run that opens the line ("**Question 4.a :**") and the text after it. */
  bold?: { text: string; rest: string }
  quoted: boolean
  /** Every word of the line is in italics, as the statement writes its requests. */
  emphasised: boolean
  /** The line opens a list item: whether the list is numbered, the item's number, its whole text and its list's items' texts. */
  item?: { ordered: boolean; number?: number; text: string; list: readonly string[] }
  images: ReportImage[]
  code?: CodeBlock
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
  ordered?: boolean | null
  start?: number | null
  title?: string | null
  position?: { start: { line: number }; end?: { line: number } }
}

interface Piece { text: string; line: number; emph: boolean; strong?: MdNode; image?: ReportImage; newline?: true }
interface Context {
  quoted: boolean
  offset: number
  definitions: Map<string, string>
  blocks: { count: number }
  /** The list item whose first line is still to come (shared by the item's nested blocks). */
  pending?: { item?: ReportLine['item'] }
}

const UNRENDERED_IMAGE = /!\[([^\]\n]*)\]\(\s*([^)\n]+?)\s*\)/g
const WIKI_IMAGE = /!\[\[([^\]|\n]+?)(?:\|[^\]\n]*)?\]\]/g
const IMG_TAG = /<img\b[^>]*>/gi

/** Reads a report into lines, in order; HTML that Markdown would take as one block is read as a reader sees it. */
export function reportLines(text: string): ReportLine[] {
  const out: ReportLine[] = []
  const tree = parse(openHtmlBlocks(text))
  walkBlocks(tree.children ?? [], { quoted: false, offset: 0, definitions: definitionsOf(tree), blocks: { count: 0 } }, out)
  return out
}

// Marks the images that were <img> tags once they are written as Markdown images.
const HTML_IMAGE = 'tp1-grader:html'
const FENCE = /^\s{0,3}(`{3,}|~{3,})/
// A line of tags alone: Markdown starts an HTML block there that runs to the next blank line, so an <img> line with
// the report going on under it would hide the rest (headings, code fences) as HTML.
const TAGS_ONLY = /^\s{0,3}(?:<\/?[a-z][^<>]*>\s*)+$/i

/** Rewrites, line for line, the HTML lines that would swallow the Markdown after them: images as Markdown images, other tags as nothing. */
export function openHtmlBlocks(text: string): string {
  let fence: string | undefined
  return text
    .split('\n')
    .map((line) => {
      const f = FENCE.exec(line)?.[1]
      if (fence) {
        if (f && f[0] === fence[0] && f.length >= fence.length) fence = undefined
        return line
      }
      if (f) {
        fence = f
        return line
      }
      if (!TAGS_ONLY.test(line)) return line
      return line.replace(/<[^<>]*>/g, (tag) => {
        const src = /^<img\b/i.test(tag) ? attribute(tag, 'src') : undefined
        if (src === undefined) return ''
        const alt = (attribute(tag, 'alt') ?? '').replace(/[[\]\\]/g, '')
        return `![${alt}](<${src.replace(/[<>\n]/g, '')}> "${HTML_IMAGE}")`
      })
    })
    .join('\n')
}

const parse = (text: string): MdNode => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })

const lineOf = (node: MdNode, ctx: Context) => ctx.offset + (node.position?.start.line ?? 1)

function walkBlocks(nodes: readonly MdNode[], ctx: Context, out: ReportLine[]): void {
  for (const node of nodes) walkBlock(node, ctx, out)
}

function walkBlock(node: MdNode, ctx: Context, out: ReportLine[]): void {
  const push = (line: Omit<ReportLine, 'quoted' | 'block'> & { block?: number }) => {
    const item = ctx.pending?.item
    if (ctx.pending) ctx.pending.item = undefined
    out.push({ block: ++ctx.blocks.count, quoted: ctx.quoted, ...line, ...(item ? { item } : {}) })
  }
  switch (node.type) {
    case 'heading': {
      // A quoted line over dashes is a pasted table's header (psql's "current_database" over "-----"), not a title.
      const setext = (node.position?.end?.line ?? 0) > (node.position?.start.line ?? 0)
      if (ctx.quoted && setext) return walkBlock({ ...node, type: 'paragraph' }, ctx, out)
      const [line] = linesOf(inlinePieces(node, ctx), lineOf(node, ctx), ' ')
      push({ ...(line ?? emptyLine(lineOf(node, ctx))), heading: node.depth ?? 1 })
      return
    }
    case 'paragraph': {
      const block = ++ctx.blocks.count
      for (const line of linesOf(inlinePieces(node, ctx), lineOf(node, ctx), '\n')) push({ ...line, block })
      return
    }
    case 'code':
      push({ ...emptyLine(lineOf(node, ctx)), code: { ...(node.lang ? { lang: node.lang } : {}), text: node.value ?? '', line: lineOf(node, ctx) } })
      return
    case 'html':
      return walkHtml(node.value ?? '', lineOf(node, ctx), ctx, out, push)
    case 'blockquote':
      return walkBlocks(node.children ?? [], { ...ctx, quoted: true }, out)
    case 'list': {
      const list = (node.children ?? []).map((item) => plainText(item))
      ;(node.children ?? []).forEach((item, i) => {
        const number = node.ordered ? (node.start ?? 1) + i : undefined
        const pending = { item: { ordered: Boolean(node.ordered), ...(number === undefined ? {} : { number }), text: list[i]!, list } }
        walkBlocks(item.children ?? [], { ...ctx, pending }, out)
      })
      return
    }
    case 'table':
      for (const row of node.children ?? []) {
        const pieces = (row.children ?? []).flatMap((cell) => [...inlinePieces(cell, ctx), { text: ' ', line: lineOf(row, ctx), emph: false }])
        const [line] = linesOf(pieces, lineOf(row, ctx), ' ')
        if (line) push(line)
      }
      return
    case 'thematicBreak':
    case 'definition':
      return
    default:
      walkBlocks(node.children ?? [], ctx, out)
  }
}

// An HTML block runs to the next blank line: `<img …>` on its own line would swallow the Markdown below it. Only the
// HTML it opens with is HTML; the lines after are read again as Markdown, as a reader of the rendered page reads them.
function walkHtml(value: string, line: number, ctx: Context, out: ReportLine[], push: (l: Omit<ReportLine, 'quoted' | 'block'>) => void): void {
  const lines = value.split('\n')
  let head = 1
  if (/^\s*<!--/.test(value)) head = lines.findIndex((l) => l.includes('-->')) + 1 || lines.length
  else if (/^\s*<(?:pre|script|style|textarea)\b/i.test(value)) head = lines.length
  else while (head < lines.length && unclosedTag(lines.slice(0, head).join('\n'))) head++
  const images = [...lines.slice(0, head).join('\n').matchAll(IMG_TAG)].flatMap((m) => {
    const src = attribute(m[0], 'src')
    const at = line + (value.slice(0, m.index).match(/\n/g)?.length ?? 0)
    return src === undefined ? [] : [{ href: decodeHref(src), alt: attribute(m[0], 'alt') ?? '', line: at, syntax: 'html' as const }]
  })
  if (images.length) push({ ...emptyLine(line), images })
  if (head >= lines.length) return
  const fragment = parse(lines.slice(head).join('\n'))
  walkBlocks(fragment.children ?? [], { ...ctx, offset: line - 1 + head }, out)
}

const unclosedTag = (text: string) => (text.match(/</g)?.length ?? 0) > (text.match(/>/g)?.length ?? 0)

function emptyLine(line: number): Omit<ReportLine, 'quoted' | 'block'> {
  return { line, text: '', emphasised: false, images: [] }
}

function inlinePieces(node: MdNode, ctx: Context, emph = false, strong?: MdNode): Piece[] {
  const line = lineOf(node, ctx)
  switch (node.type) {
    case 'text': {
      const parts = (node.value ?? '').split('\n')
      return parts.flatMap((text, i) => [...(i ? [{ text: '', line: line + i, emph, newline: true as const }] : []), { text, line: line + i, emph, ...(strong ? { strong } : {}) }])
    }
    case 'inlineCode':
      return [{ text: node.value ?? '', line, emph, ...(strong ? { strong } : {}) }]
    case 'break':
      return [{ text: '', line: line + 1, emph, newline: true }]
    case 'emphasis':
      return (node.children ?? []).flatMap((c) => inlinePieces(c, ctx, true, strong))
    case 'strong':
      return (node.children ?? []).flatMap((c) => inlinePieces(c, ctx, emph, strong ?? node))
    case 'image':
      return [{ text: '', line, emph, image: { href: decodeHref(node.url ?? ''), alt: node.alt ?? '', line, syntax: node.title === HTML_IMAGE ? 'html' : 'markdown' } }]
    case 'imageReference': {
      const url = ctx.definitions.get(node.identifier ?? '')
      return url === undefined ? [] : [{ text: '', line, emph, image: { href: decodeHref(url), alt: node.alt ?? '', line, syntax: 'reference' } }]
    }
    case 'html':
      return [...(node.value ?? '').matchAll(IMG_TAG)].flatMap((m) => {
        const src = attribute(m[0], 'src')
        return src === undefined ? [] : [{ text: '', line, emph, image: { href: decodeHref(src), alt: attribute(m[0], 'alt') ?? '', line, syntax: 'html' as const } }]
      })
    case 'footnoteReference':
      return []
    default:
      return (node.children ?? []).flatMap((c) => inlinePieces(c, ctx, emph, strong))
  }
}

// Groups pieces into lines at line breaks (headings and table rows are one line: `join` is a space there).
function linesOf(pieces: Piece[], first: number, join: string): Omit<ReportLine, 'quoted' | 'block'>[] {
  const groups: Piece[][] = [[]]
  for (const p of pieces) {
    if (p.newline && join === '\n') groups.push([])
    else groups.at(-1)!.push(p.newline ? { ...p, text: ' ' } : p)
  }
  return groups.flatMap((group) => {
    const raw = group.map((p) => p.text).join('')
    const line = group[0]?.line ?? first
    const images = group.flatMap((p) => (p.image ? [p.image] : []))
    for (const m of raw.matchAll(WIKI_IMAGE)) images.push({ href: m[1]!.trim(), alt: '', line, syntax: 'wiki' })
    for (const m of raw.replace(WIKI_IMAGE, ' ').matchAll(UNRENDERED_IMAGE)) images.push({ href: decodeHref(m[2]!), alt: m[1]!, line, syntax: 'unrendered' })
    const text = raw.replace(WIKI_IMAGE, ' ').replace(UNRENDERED_IMAGE, ' ').trim()
    if (text === '' && images.length === 0) return []
    const worded = group.filter((p) => p.text.trim() !== '')
    const lead = worded[0]?.strong
    const end = worded.findIndex((p) => p.strong !== lead)
    const boldText = lead ? worded.slice(0, end < 0 ? worded.length : end).map((p) => p.text).join('') : ''
    const bold = lead && boldText.trim() ? { text: boldText.trim(), rest: text.slice(text.indexOf(boldText.trim()) + boldText.trim().length).trim() } : undefined
    return [{ line, text, emphasised: worded.length > 0 && worded.every((p) => p.emph), images, ...(bold ? { bold } : {}) }]
  })
}

// The words of a node, its parts apart (mdast-util-to-string glues "…:" and "docker run" into "…:docker run").
function plainText(node: MdNode): string {
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? ''
  if (node.value !== undefined) return node.value
  return (node.children ?? []).map(plainText).join(' ').replace(/\s+/g, ' ').trim()
}

function definitionsOf(node: MdNode, into = new Map<string, string>()): Map<string, string> {
  if (node.type === 'definition' && node.identifier !== undefined && !into.has(node.identifier)) into.set(node.identifier, node.url ?? '')
  for (const child of node.children ?? []) definitionsOf(child, into)
  return into
}

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
