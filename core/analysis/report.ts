import { readSubmissionBytes, submissionFileSize } from './submission-files.js'
import type { Rubric } from '../rubric/schema.js'
import { reportLines, type CodeBlock, type ReportImage, type ReportLine } from './report-markdown.js'
import { classifyCode, isCodeLine, ownText, type Request } from './report-markers.js'
import type { OutputEvidence, OutputFact, PastedBlock } from './report-output.js'
import { assignLines, type FoundBy } from './report-sections.js'

export type { CodeBlock, ImageSyntax, ReportImage } from './report-markdown.js'
export { questionIdsOf } from './report-markers.js'
export type { FoundBy } from './report-sections.js'
export type { Request } from './report-markers.js'

export type ReportEncoding = 'utf-8' | 'latin-1' | 'utf-16le' | 'utf-16be'
/** What the student should know of how the report was read (the catalogue's report.decoded says it). */
export type DecodeNote =
  | { kind: 'utf-16'; encoding: 'utf-16le' | 'utf-16be' }
  | { kind: 'latin-1' }
  /** A document of a word processor saved under the report's name: nothing in it is text. */
  | { kind: 'not-text'; format: 'word' | 'pdf' }
  /** A report of `megabytes`, read up to its first `readMegabytes` of text (images embedded as data set apart). */
  | { kind: 'truncated'; megabytes: number; readMegabytes: number }
export interface DecodedReport { text: string; encoding: ReportEncoding; notes: DecodeNote[] }

export interface QuestionSection {
  found: boolean
  line?: number
  /** The label, step or title the section was found under, as written. */
  heading?: string
  /** Words the student wrote: the statement's own text (copied requests, instructions) does not count. */
  words: number
  codeBlocks: CodeBlock[]
  images: ReportImage[]
  how?: FoundBy
  /** Words of the statement's own text in the section. */
  statementWords?: number
  /** Lines of code pasted without a fence (Python, Dockerfile or YAML, e.g. from a word processor). */
  codeLines?: number
  /** Quoted blocks (`> …`), each the text of its consecutive quoted lines: a pasted output, perhaps. */
  quotes?: { line: number; text: string }[]
  /** The first words or code the student wrote there, for the sheet. */
  excerpt?: { line: number; text: string; kind: 'words' | 'code' }
}
export interface ReportSections {
  /** One entry per requested question id, keyed as the caller spelled it. */
  questions: Record<string, QuestionSection>
  /** Every code block and image of the report, with the id of the question it was given to (or the last one found above). */
  codeBlocks: (CodeBlock & { question?: string })[]
  images: (ReportImage & { question?: string })[]
}
export type AnswerKind = 'screenshot' | 'text' | 'file' | 'observation'
export interface AnswerOptions { minWords: number; screenshot: boolean; validImages: number; kind?: AnswerKind }
/** Why a question counts as answered or not: the reason and the counts it rests on (the catalogue's report.why says it). */
export type AnswerWhy =
  | { reason: 'no-section' | 'empty-section' | 'statement-only' | 'statement-code-only' | 'no-screenshot' | 'no-valid-screenshot' }
  /** `count`: valid screenshots, words, code blocks, or lines of code pasted without a fence. */
  | { reason: 'valid-screenshots' | 'words' | 'code-blocks' | 'unfenced-code'; count: number }
  /** `screenshot`: what stands beside the too few words — no screenshot, none valid, or one that alone does not answer. */
  | { reason: 'too-few-words'; words: number; minWords: number; screenshot?: 'none' | 'invalid' | 'alone' }
  /** A screenshot question answered by its command's output pasted as text: in a code or quoted block, in `count` blocks. */
  | { reason: 'pasted-output'; block: 'code' | 'quote'; count: number }
  /** Its blocks hold only the commands to type, not what they printed. */
  | { reason: 'command-only' }
  /** Output is pasted, but it does not show these facts of the rubric. */
  | { reason: 'output-lacks'; missing: OutputFact[] }
  /** A file question answered by the file itself, in the hand-in where the lab keeps it. */
  | { reason: 'file-in-hand-in'; file: string }
export interface AnswerStatus { answered: boolean; why: AnswerWhy }

const NOT_TEXT: [number[], 'word' | 'pdf'][] = [[[0x50, 0x4b, 0x03, 0x04], 'word'], [[0x25, 0x50, 0x44, 0x46], 'pdf']]

/**
 * Decodes the report's bytes: UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1252 with a note; line ends
 * become LF. A Word document or a PDF saved under the report's name is no text: empty, with a note that says so.
 */
export function decodeReport(buffer: Uint8Array): DecodedReport {
  const starts = (...bytes: number[]) => bytes.every((b, i) => buffer[i] === b)
  const binary = NOT_TEXT.find(([magic]) => starts(...magic))?.[1]
  if (binary) return { text: '', encoding: 'utf-8', notes: [{ kind: 'not-text', format: binary }] }
  const decode = (label: string, skip: number) => new TextDecoder(label, { fatal: true }).decode(buffer.subarray(skip))
  const done = (text: string, encoding: ReportEncoding, notes: DecodeNote[] = []): DecodedReport =>
    ({ text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), encoding, notes })
  for (const [bom, encoding] of [[[0xff, 0xfe], 'utf-16le'], [[0xfe, 0xff], 'utf-16be']] as const) {
    if (!starts(...bom)) continue
    try {
      return done(decode(encoding, 2), encoding, [{ kind: 'utf-16', encoding }])
    } catch { break }
  }
  try {
    return done(decode('utf-8', starts(0xef, 0xbb, 0xbf) ? 3 : 0), 'utf-8')
  } catch {
    // WHATWG maps Latin-1 to Windows-1252, which every byte decodes in: this never throws.
    return done(new TextDecoder('windows-1252').decode(buffer), 'latin-1', [{ kind: 'latin-1' }])
  }
}

const MEGABYTE = 1024 * 1024
/** The most of a report's file that is read: enough for a report whose screenshots are embedded as data. */
export const REPORT_READ_BYTES = 8 * MEGABYTE
/** The most of a report's text that is parsed: a report a student wrote is a few dozen kilobytes; parsing blocks the run. */
export const REPORT_TEXT_CHARS = MEGABYTE / 2
// A screenshot pasted into the Markdown as data ("data:image/png;base64,…") is no text to read.
const EMBEDDED_DATA = /(data:[\w.+/-]*;base64,)[A-Za-z0-9+/=]{256,}/g

/**
 * A report's file, read within bounds: at most REPORT_READ_BYTES of it, decoded (see decodeReport), embedded data set
 * apart, and its text cut at a line end after REPORT_TEXT_CHARS. A report cut short says so in a note.
 */
export function readReport(dir: string, relative: string): DecodedReport | undefined {
  const bytes = readSubmissionBytes(dir, relative, REPORT_READ_BYTES)
  if (!bytes) return undefined
  const size = submissionFileSize(dir, relative) ?? bytes.length
  // A cut in the middle of a UTF-8 character would make the whole text read as Latin-1: cut at a line end.
  const whole = bytes.length >= size ? bytes : bytes.subarray(0, Math.max(0, bytes.lastIndexOf(0x0a) + 1) & ~1)
  const decoded = decodeReport(whole)
  const text = decoded.text.replace(EMBEDDED_DATA, '$1…')
  const cut = text.length > REPORT_TEXT_CHARS ? text.slice(0, text.lastIndexOf('\n', REPORT_TEXT_CHARS) + 1 || REPORT_TEXT_CHARS) : text
  const truncated = whole.length < size || cut.length < text.length
  return {
    ...decoded,
    text: cut,
    notes: [...decoded.notes, ...(truncated ? [{ kind: 'truncated' as const, megabytes: size / MEGABYTE, readMegabytes: REPORT_TEXT_CHARS / MEGABYTE }] : [])],
  }
}

/** "4.A" and "04a" become "4.a", the key labels are matched on. */
export function normaliseQuestionId(id: string): string {
  const m = /^\s*0*(\d+)\s*[.\-_]?\s*([a-z])?\s*$/i.exec(id)
  return m ? `${m[1]}${m[2] ? `.${m[2].toLowerCase()}` : ''}` : id.trim().toLowerCase()
}

/** The statement's requests as the rubric describes them: the graded questions and the others. */
export function requestsOf(report: Pick<Rubric['report'], 'questions' | 'ungraded'>): Request[] {
  const request = (graded: boolean) => ([id, q]: [string, { step?: number; about: string[] }]): Request =>
    ({ id, exercise: Number(id.split('.')[0]), ...(q.step === undefined ? {} : { step: q.step }), about: q.about, graded })
  return [...Object.entries(report.questions).map(request(true)), ...Object.entries(report.ungraded).map(request(false))]
    .sort((a, b) => a.id.localeCompare(b.id))
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu
const countWords = (text: string): number => text.match(WORD)?.length ?? 0
const EXCERPT_WORDS = 10
const excerptOf = (text: string) => {
  const words = text.trim().split(/\s+/)
  return words.length > EXCERPT_WORDS ? `${words.slice(0, EXCERPT_WORDS).join(' ')}…` : words.join(' ')
}

/**
 * Finds the report's answer to each requested question: under its label wherever it stands (heading, bold, plain
 * line), under the statement's step that asks it, or by the words and place of what the student wrote. The
 * statement's own text, copied into the report, is set apart: it is never an answer.
 */
export function parseReport(text: string, questions: readonly string[], requests: readonly Request[]): ReportSections {
  const lines = reportLines(text)
  const known = new Set(requests.map((r) => r.id))
  const extra = questions.map(normaliseQuestionId).filter((id) => !known.has(id) && /^\d+\.[a-z]$/.test(id))
  const all = [...requests, ...extra.map((id) => ({ id, exercise: Number(id.split('.')[0]), about: [], graded: true }))]
  const { lines: given, found } = assignLines(lines, all)
  const wanted = new Map(questions.map((q) => [normaliseQuestionId(q), q]))
  const result: ReportSections = { questions: {}, codeBlocks: [], images: [] }
  for (const q of questions) result.questions[q] = { found: false, words: 0, codeBlocks: [], images: [] }
  const sectionsOf = (ids: readonly string[]) => [...new Set(ids.flatMap((id) => wanted.get(id) ?? []))].map((k) => result.questions[k]!)

  for (const [id, at] of found) {
    for (const s of sectionsOf([id])) Object.assign(s, { found: true, line: at.line, heading: at.marker, how: at.how, statementWords: 0, codeLines: 0 })
  }
  let nearest: string | undefined
  lines.forEach((line, index) => {
    const to = given[index]
    if (to?.ids.length) nearest = wanted.get(to.ids[0]!) ?? to.ids[0]
    const sections = sectionsOf(to?.ids ?? [])
    const tag = nearest ? { question: nearest } : {}
    if (line.code) result.codeBlocks.push({ ...line.code, ...tag })
    for (const image of line.images) result.images.push({ ...image, ...tag })
    const continued = index > 0 && lines[index - 1]!.quoted && given[index - 1]?.ids.join() === to?.ids.join()
    for (const s of sections) addLine(s, line, to?.rest, continued)
  })
  return result
}

// What one line adds to a section: the student's words and the statement's, code, unfenced code, screenshots.
function addLine(section: QuestionSection, line: ReportLine, labelRest: string | undefined, quoteContinued: boolean): void {
  const first = (text: string, kind: 'words' | 'code') => (section.excerpt ??= { line: line.line, text, kind })
  if (line.quoted && !line.code && line.text !== '') {
    const quotes = (section.quotes ??= [])
    const last = quotes.at(-1)
    if (last && quoteContinued) last.text += `\n${line.text}`
    else quotes.push({ line: line.line, text: line.text })
  }
  if (line.code) {
    section.codeBlocks.push(line.code)
    if (classifyCode(line.code.text) === 'answer') first(line.code.text.trim().split('\n')[0]!.trim(), 'code')
    return
  }
  const text = labelRest ?? line.text
  const own = ownText(line, text)
  const words = countWords(own)
  section.words += words
  section.statementWords = (section.statementWords ?? 0) + countWords(text) - words
  if (isCodeLine(text)) section.codeLines = (section.codeLines ?? 0) + 1
  if (words > 0) first(excerptOf(own), 'words')
  section.images.push(...line.images)
}

/** Whether a question counts as answered: enough prose, a code block the student wrote, or (screenshot and file questions) a valid image. */
export function answerStatus(section: QuestionSection | undefined, options: AnswerOptions): AnswerStatus {
  const kind = options.kind ?? (options.screenshot ? 'screenshot' : 'text')
  const yes = (why: AnswerWhy): AnswerStatus => ({ answered: true, why })
  const no = (why: AnswerWhy): AnswerStatus => ({ answered: false, why })
  if (!section?.found) return no({ reason: 'no-section' })
  const code = section.codeBlocks.filter((c) => c.text.trim() !== '' && classifyCode(c.text) === 'answer').length
  const codeLines = section.codeLines ?? 0
  if (kind !== 'text' && options.validImages > 0) return yes({ reason: 'valid-screenshots', count: options.validImages })
  if (kind === 'file' && codeLines >= UNFENCED_CODE_LINES && code === 0) return yes({ reason: 'unfenced-code', count: codeLines })
  if (kind !== 'screenshot') {
    if (section.words >= options.minWords) return yes({ reason: 'words', count: section.words })
    if (code > 0) return yes({ reason: 'code-blocks', count: code })
  }
  const tooFew = (screenshot?: 'none' | 'invalid' | 'alone') =>
    no({ reason: 'too-few-words', words: section.words, minWords: options.minWords, ...(screenshot ? { screenshot } : {}) })
  // A word or two of one's own ("Puis, dedans :") among the statement's text is still the statement alone.
  const statementOnly = section.words <= 2 && (section.statementWords ?? 0) > section.words && code === 0
  if (kind === 'screenshot') return tooFew(section.images.length ? 'invalid' : 'none')
  if (statementOnly && section.images.length === 0) return no({ reason: 'statement-only' })
  if (section.words === 0 && section.images.length === 0 && section.codeBlocks.length === 0) return no({ reason: 'empty-section' })
  if (section.words === 0 && section.codeBlocks.length > 0 && code === 0 && section.images.length === 0) return no({ reason: 'statement-code-only' })
  if ((kind === 'file' || kind === 'observation') && section.images.length) return tooFew('invalid')
  return tooFew(section.images.length ? 'alone' : undefined)
}

/** Lines of unfenced code that make a pasted file. */
const UNFENCED_CODE_LINES = 3

/** The blocks of a section that may hold a pasted output: its code blocks, then its quoted blocks. */
export const pastedBlocksOf = (section: QuestionSection | undefined): PastedBlock[] => [
  ...(section?.codeBlocks ?? []).map((c) => ({ line: c.line, text: c.text, kind: 'code' as const })),
  ...(section?.quotes ?? []).map((q) => ({ ...q, kind: 'quote' as const })),
]

/**
 * Whether a screenshot question is answered: by a valid screenshot, else by its command's output pasted as text
 * (`evidence`, when the rubric says what that output shows). `imageProblems`: how many screenshots did not count.
 */
export function screenshotStatus(section: QuestionSection | undefined, validImages: number, imageProblems: number, evidence?: OutputEvidence): AnswerStatus {
  if (!section?.found) return { answered: false, why: { reason: 'no-section' } }
  if (validImages > 0) return { answered: true, why: { reason: 'valid-screenshots', count: validImages } }
  if (evidence?.shown) return { answered: true, why: { reason: 'pasted-output', block: evidence.blocks[0]!.kind, count: evidence.blocks.length } }
  if (evidence?.shown === false && evidence.reason === 'lacks') return { answered: false, why: { reason: 'output-lacks', missing: evidence.missing } }
  if (imageProblems > 0) return { answered: false, why: { reason: 'no-valid-screenshot' } }
  if (evidence?.shown === false && evidence.reason === 'command-only') return { answered: false, why: { reason: 'command-only' } }
  return { answered: false, why: { reason: 'no-screenshot' } }
}
