import { createHash } from 'node:crypto'
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { imageSize } from 'image-size'
import type { Catalogue } from '../i18n/index.js'
import { currentRun } from '../rubric/index.js'

const { messages } = currentRun()

export type ResolvedImage =
  | { ok: true; file: string; /** Path inside the submission, with forward slashes, for messages. */ relative: string }
  | { ok: false; reason: 'outside' | 'remote' | 'missing'; message: string }
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif'
export type ImageFacts =
  | { ok: true; format: ImageFormat; width: number; height: number; bytes: number; sha256: string }
  | { ok: false; reason: 'not-an-image' | 'too-small' | 'too-large' | 'unreadable'; message: string }

const MAX_BYTES = 20 * 1024 * 1024
// image-size only needs the header; JPEG dimensions follow EXIF, which is at most 64 KB.
const HEAD_BYTES = 2 * 1024 * 1024
const MIN_SIDE = 16
const MAX_SIDE = 20_000
const SEARCH_LIMIT = 5_000

const isInside = (root: string, target: string) => {
  const rel = path.relative(root, target)
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel))
}
const slashes = (p: string) => p.split(path.sep).join('/')

export interface ResolveOptions {
  /** Obsidian's `![[name.png]]` names a file wherever it is: the one file of that name in the submission. */
  byName?: boolean
}

/** Resolves an image link of the report to a file inside the submission; refuses (without reading) remote, absolute and escaping links. */
export function resolveImage(submissionDir: string, reportDir: string, href: string, options: ResolveOptions = {}): ResolvedImage {
  const t = messages.report.links
  const link = href.trim()
  const outside = (message: string): ResolvedImage => ({ ok: false, reason: 'outside', message })
  if (link === '') return { ok: false, reason: 'missing', message: t.empty }
  if (/^(?:(?:https?|ftp|data|blob):|\/\/)/i.test(link)) {
    return { ok: false, reason: 'remote', message: t.remote(short(link)) }
  }
  const root = path.resolve(submissionDir)
  // GitHub reads "/screenshots/a.png" from the repository's root: so does the grader, when that folder is there.
  if (/^\/[^/\\]/.test(link) && statSync(path.join(root, link.split('/')[1]!), { throwIfNoEntry: false })) {
    return resolveImage(submissionDir, submissionDir, `.${link}`, options)
  }
  if (/^file:/i.test(link) || /^[a-z]:[\\/]/i.test(link) || path.isAbsolute(link) || link.startsWith('\\')) {
    return outside(t.absolute(short(link)))
  }
  const target = path.resolve(reportDir, link.replace(/\\/g, '/'))
  if (!isInside(root, target)) return outside(t.outside(short(link)))

  const relative = slashes(path.relative(root, target))
  const stats = statSync(target, { throwIfNoEntry: false })
  if (!stats) {
    // GitHub links often end in "?raw=true"; a file name rarely contains "?" or "#".
    const bare = link.replace(/[?#].*$/, '')
    if (bare && bare !== link) return resolveImage(submissionDir, reportDir, bare, options)
    const named = options.byName && !link.includes('/') ? findByName(root, link.toLowerCase()) : []
    if (named.length === 1 || (named.length > 1 && named.includes(link))) return resolveImage(submissionDir, submissionDir, named.includes(link) ? link : named[0]!)
    return { ok: false, reason: 'missing', message: missingMessage(root, relative, link) }
  }
  if (!isInside(realpathSync(root), realpathSync(target))) {
    return outside(t.symlink(relative))
  }
  if (!stats.isFile()) return { ok: false, reason: 'missing', message: t.folder(short(link), relative) }
  return { ok: true, file: target, relative }
}

const short = (s: string) => `"${s.length > 80 ? `${s.slice(0, 77)}...` : s}"`

// The usual cause is a wrong folder or letter case (Windows and macOS ignore case; Linux and GitHub do not).
function missingMessage(root: string, relative: string, link: string): string {
  const twins = findByName(root, path.posix.basename(relative).toLowerCase()).filter((f) => f !== relative)
  const t = messages.report.links
  const hint = twins.length ? t.sameName(twins.slice(0, 3)) : t.checkAdded
  return t.missing(relative, link.replace(/^\.\//, '') === relative ? undefined : short(link), hint)
}

function findByName(root: string, lowerName: string): string[] {
  const found: string[] = []
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
      else if (e.isFile() && e.name.toLowerCase() === lowerName) found.push(rel)
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
type Lookalike = keyof Catalogue['report']['images']['lookalike']
const LOOKALIKES: [RegExp, Lookalike][] = [
  [/^%PDF/, 'pdf'], [/^BM/, 'bmp'], [/^.{4}ftyp(heic|heix|mif1|avif)/s, 'heic'],
  [/^\s*(<\?xml|<svg)/i, 'svg'], [/^\s*<(!doctype|html)/i, 'html'],
  [/^II\*\0|^MM\0\*/, 'tiff'], [/^PK\x03\x04/, 'zip'],
]

/** Checks a screenshot file: a PNG, JPEG, WebP or GIF of plausible size; reads its header and hashes it in chunks. */
export function inspectImage(file: string, name = path.basename(file)): ImageFacts {
  const t = messages.report.images
  const fail = (reason: Exclude<ImageFacts, { ok: true }>['reason'], message: string): ImageFacts => ({ ok: false, reason, message })
  let fd: number | undefined
  try {
    const size = statSync(file).size
    if (size > MAX_BYTES) return fail('too-large', t.tooManyBytes(name, size / 1024 / 1024))
    if (size === 0) return fail('not-an-image', t.empty(name))
    fd = openSync(file, 'r')
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES))
    const read = readSync(fd, head, 0, head.length, 0)
    const format = MAGIC.find(([, test]) => test(head))?.[0]
    if (!format) {
      const text = head.toString('latin1', 0, 64)
      const like = LOOKALIKES.find(([re]) => re.test(text))?.[1] ?? (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text) ? 'text' : 'unknown')
      return fail('not-an-image', t.notAnImage(name, t.lookalike[like]))
    }
    const { width, height } = dimensions(head.subarray(0, read))
    if (!Number.isInteger(width) || !Number.isInteger(height)) {
      return fail('unreadable', t.noSize(name, format.toUpperCase()))
    }
    if (width < MIN_SIDE || height < MIN_SIDE) return fail('too-small', t.tooSmall(name, width, height))
    if (width > MAX_SIDE || height > MAX_SIDE) return fail('too-large', t.tooLarge(name, width, height, MAX_SIDE))
    return { ok: true, format, width, height, bytes: size, sha256: hashFile(fd, size) }
  } catch (e) {
    return fail('unreadable', t.unreadable(name, e instanceof Error && 'code' in e ? String(e.code) : undefined))
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
