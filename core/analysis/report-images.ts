import { createHash } from 'node:crypto'
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { imageSize } from 'image-size'
import { isInside } from './submission-files.js'

/**
 * Why an image link of the report leads to no screenshot of the submission (the catalogue's report.image says it).
 * `link` is the link as written; `file` a path inside the submission, with forward slashes.
 */
export type LinkProblem =
  | { kind: 'empty-link' }
  | { kind: 'remote' | 'absolute' | 'outside'; link: string }
  /** A symbolic link to a file outside the submission. */
  | { kind: 'symlink'; file: string }
  | { kind: 'folder'; link: string; folder: string }
  /** `link` is absent when it names the file as it is; `sameName`: files of that name elsewhere, or in another case. */
  | { kind: 'missing'; file: string; link?: string; sameName: string[] }
export type ResolvedImage =
  | { ok: true; file: string; /** Path inside the submission, with forward slashes, for messages. */ relative: string }
  | { ok: false; reason: 'outside' | 'remote' | 'missing'; problem: LinkProblem }
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif'
/** What a file that is not a screenshot looks like, from its first bytes. */
export type Lookalike = 'pdf' | 'bmp' | 'heic' | 'svg' | 'html' | 'tiff' | 'zip' | 'text' | 'unknown'
/** Why a screenshot file does not count (the catalogue's report.image says it); `file` as named in messages. */
export type ImageFileProblem =
  | { kind: 'too-many-bytes'; file: string; megabytes: number; maxMegabytes: number }
  | { kind: 'empty-file'; file: string }
  | { kind: 'not-an-image'; file: string; lookalike: Lookalike }
  /** It starts like an image of `format`, but its size cannot be read. */
  | { kind: 'no-size'; file: string; format: ImageFormat }
  | { kind: 'too-small'; file: string; width: number; height: number }
  | { kind: 'too-large'; file: string; width: number; height: number; maxSide: number }
  /** `code`: the system error code (ENOENT…), when there is one. */
  | { kind: 'unreadable'; file: string; code?: string }
export type ImageFacts =
  | { ok: true; format: ImageFormat; width: number; height: number; bytes: number; sha256: string }
  | { ok: false; reason: 'not-an-image' | 'too-small' | 'too-large' | 'unreadable'; problem: ImageFileProblem }

const MEGABYTE = 1024 * 1024
const MAX_BYTES = 20 * MEGABYTE
// image-size only needs the header; JPEG dimensions follow EXIF, which is at most 64 KB.
const HEAD_BYTES = 2 * 1024 * 1024
const MIN_SIDE = 16
const MAX_SIDE = 20_000
const SEARCH_LIMIT = 5_000

const slashes = (p: string) => p.split(path.sep).join('/')

export interface ResolveOptions {
  /** Obsidian's `![[name.png]]` names a file wherever it is: the one file of that name in the submission. */
  byName?: boolean
  /** The submission's files by lower-case name (see fileNames), listed once for every link of a report. */
  names?: FileNames
}

/** The files of a submission with a given lower-case name, as paths with forward slashes. */
export type FileNames = (lowerName: string) => string[]

/** Lists the submission's files once (at most SEARCH_LIMIT entries, links not followed) and answers by name. */
export function fileNames(submissionDir: string): FileNames {
  let byName: Map<string, string[]> | undefined
  return (lowerName) => {
    byName ??= listByName(path.resolve(submissionDir))
    return byName.get(lowerName) ?? []
  }
}

/** Resolves an image link of the report to a file inside the submission; refuses (without reading) remote, absolute and escaping links. */
export function resolveImage(submissionDir: string, reportDir: string, href: string, options: ResolveOptions = {}): ResolvedImage {
  const link = href.trim()
  const outside = (problem: LinkProblem): ResolvedImage => ({ ok: false, reason: 'outside', problem })
  if (link === '') return { ok: false, reason: 'missing', problem: { kind: 'empty-link' } }
  if (/^(?:(?:https?|ftp|data|blob):|\/\/)/i.test(link)) {
    return { ok: false, reason: 'remote', problem: { kind: 'remote', link } }
  }
  const root = path.resolve(submissionDir)
  // GitHub reads "/screenshots/a.png" from the repository's root: so does the grader, when that folder is there.
  if (/^\/[^/\\]/.test(link) && statSync(path.join(root, link.split('/')[1]!), { throwIfNoEntry: false })) {
    return resolveImage(submissionDir, submissionDir, `.${link}`, options)
  }
  if (/^file:/i.test(link) || /^[a-z]:[\\/]/i.test(link) || path.isAbsolute(link) || link.startsWith('\\')) {
    return outside({ kind: 'absolute', link })
  }
  const target = path.resolve(reportDir, link.replace(/\\/g, '/'))
  if (!isInside(root, target)) return outside({ kind: 'outside', link })

  const relative = slashes(path.relative(root, target))
  const stats = statSync(target, { throwIfNoEntry: false })
  if (!stats) {
    // GitHub links often end in "?raw=true"; a file name rarely contains "?" or "#".
    const bare = link.replace(/[?#].*$/, '')
    if (bare && bare !== link) return resolveImage(submissionDir, reportDir, bare, options)
    const names = options.names ?? fileNames(root)
    const named = options.byName && !link.includes('/') ? names(link.toLowerCase()) : []
    if (named.length === 1 || (named.length > 1 && named.includes(link))) return resolveImage(submissionDir, submissionDir, named.includes(link) ? link : named[0]!, { names })
    return { ok: false, reason: 'missing', problem: missing(names, relative, link) }
  }
  if (!isInside(realpathSync(root), realpathSync(target))) {
    return outside({ kind: 'symlink', file: relative })
  }
  if (!stats.isFile()) return { ok: false, reason: 'missing', problem: { kind: 'folder', link, folder: relative } }
  return { ok: true, file: target, relative }
}

// The usual cause is a wrong folder or letter case (Windows and macOS ignore case; Linux and GitHub do not).
function missing(names: FileNames, relative: string, link: string): LinkProblem {
  const sameName = names(path.posix.basename(relative).toLowerCase()).filter((f) => f !== relative)
  return { kind: 'missing', file: relative, ...(link.replace(/^\.\//, '') === relative ? {} : { link }), sameName }
}

function listByName(root: string): Map<string, string[]> {
  const found = new Map<string, string[]>()
  const queue = ['']
  let seen = 0
  for (let dir = queue.shift(); dir !== undefined && seen < SEARCH_LIMIT; dir = queue.shift()) {
    let entries
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true })
    } catch { continue }
    for (const e of entries) {
      seen++
      const rel = dir ? `${dir}/${e.name}` : e.name
      if (e.isDirectory() && e.name !== '.git' && e.name !== 'node_modules') queue.push(rel)
      else if (e.isFile()) found.set(e.name.toLowerCase(), [...(found.get(e.name.toLowerCase()) ?? []), rel])
    }
  }
  return found
}

const MAGIC: [ImageFormat, (b: Buffer) => boolean][] = [
  ['png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['gif', (b) => /^GIF8[79]a/.test(b.toString('latin1', 0, 6))],
  ['webp', (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP'],
]
const LOOKALIKES: [RegExp, Lookalike][] = [
  [/^%PDF/, 'pdf'], [/^BM/, 'bmp'], [/^.{4}ftyp(heic|heix|mif1|avif)/s, 'heic'],
  [/^\s*(<\?xml|<svg)/i, 'svg'], [/^\s*<(!doctype|html)/i, 'html'],
  [/^II\*\0|^MM\0\*/, 'tiff'], [/^PK\x03\x04/, 'zip'],
]

/** Checks a screenshot file: a PNG, JPEG, WebP or GIF of plausible size; reads its header and hashes it in chunks. */
export function inspectImage(file: string, name = path.basename(file)): ImageFacts {
  const fail = (reason: Exclude<ImageFacts, { ok: true }>['reason'], problem: ImageFileProblem): ImageFacts => ({ ok: false, reason, problem })
  let fd: number | undefined
  try {
    const size = statSync(file).size
    if (size > MAX_BYTES) return fail('too-large', { kind: 'too-many-bytes', file: name, megabytes: size / MEGABYTE, maxMegabytes: MAX_BYTES / MEGABYTE })
    if (size === 0) return fail('not-an-image', { kind: 'empty-file', file: name })
    fd = openSync(file, 'r')
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES))
    const read = readSync(fd, head, 0, head.length, 0)
    const format = MAGIC.find(([, test]) => test(head))?.[0]
    if (!format) {
      const text = head.toString('latin1', 0, 64)
      const lookalike = LOOKALIKES.find(([re]) => re.test(text))?.[1] ?? (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text) ? 'text' : 'unknown')
      return fail('not-an-image', { kind: 'not-an-image', file: name, lookalike })
    }
    const { width, height } = dimensions(head.subarray(0, read))
    if (!Number.isInteger(width) || !Number.isInteger(height)) {
      return fail('unreadable', { kind: 'no-size', file: name, format })
    }
    if (width < MIN_SIDE || height < MIN_SIDE) return fail('too-small', { kind: 'too-small', file: name, width, height })
    if (width > MAX_SIDE || height > MAX_SIDE) return fail('too-large', { kind: 'too-large', file: name, width, height, maxSide: MAX_SIDE })
    return { ok: true, format, width, height, bytes: size, sha256: hashFile(fd, size) }
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? { code: String(e.code) } : {}
    return fail('unreadable', { kind: 'unreadable', file: name, ...code })
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

// image-size throws on a truncated header; NaN then reports it as unreadable.
function dimensions(head: Buffer): { width: number; height: number } {
  try {
    return imageSize(head)
  } catch {
    return { width: Number.NaN, height: Number.NaN }
  }
}

function hashFile(fd: number, size: number): string {
  const hash = createHash('sha256')
  const chunk = Buffer.alloc(Math.min(size, 1024 * 1024))
  for (let pos = 0; pos < size;) {
    const n = readSync(fd, chunk, 0, chunk.length, pos)
    if (n === 0) break
    hash.update(chunk.subarray(0, n))
    pos += n
  }
  return hash.digest('hex')
}
