import { createHash } from 'node:crypto'
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { imageSize } from 'image-size'

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
const KEEP_INSIDE = 'Put the screenshot in the submission (for example under Captures/TP1/) and link it with a relative path such as ./Captures/TP1/Question_4B.png'

const isInside = (root: string, target: string) => {
  const rel = path.relative(root, target)
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel))
}
const slashes = (p: string) => p.split(path.sep).join('/')

/** Resolves an image link of the report to a file inside the submission; refuses (without reading) remote, absolute and escaping links. */
export function resolveImage(submissionDir: string, reportDir: string, href: string): ResolvedImage {
  const link = href.trim()
  const outside = (message: string): ResolvedImage => ({ ok: false, reason: 'outside', message })
  if (link === '') return { ok: false, reason: 'missing', message: 'An image link is empty: put the path of the screenshot between the parentheses of ![…](…).' }
  if (/^(?:(?:https?|ftp|data|blob):|\/\/)/i.test(link)) {
    return { ok: false, reason: 'remote', message: `The image ${short(link)} is a link to the web, not a file: screenshots must be files in the submission. ${KEEP_INSIDE}.` }
  }
  if (/^file:/i.test(link) || /^[a-z]:[\\/]/i.test(link) || path.isAbsolute(link) || link.startsWith('\\')) {
    return outside(`The image ${short(link)} is an absolute path on your computer, which the grader (and GitHub) cannot see. ${KEEP_INSIDE}.`)
  }
  const root = path.resolve(submissionDir)
  const target = path.resolve(reportDir, link.replace(/\\/g, '/'))
  if (!isInside(root, target)) return outside(`The image ${short(link)} points outside the submission. ${KEEP_INSIDE}.`)

  const relative = slashes(path.relative(root, target))
  const stats = statSync(target, { throwIfNoEntry: false })
  if (!stats) {
    // GitHub links often end in "?raw=true"; a file name rarely contains "?" or "#".
    const bare = link.replace(/[?#].*$/, '')
    return bare && bare !== link ? resolveImage(submissionDir, reportDir, bare) : { ok: false, reason: 'missing', message: missingMessage(root, relative, link) }
  }
  if (!isInside(realpathSync(root), realpathSync(target))) {
    return outside(`The image ${relative} is a symbolic link to a file outside the submission. Copy the screenshot itself into the submission.`)
  }
  if (!stats.isFile()) return { ok: false, reason: 'missing', message: `The image link ${short(link)} names the folder ${relative}, not a file: add the screenshot's file name.` }
  return { ok: true, file: target, relative }
}

const short = (s: string) => `"${s.length > 80 ? `${s.slice(0, 77)}...` : s}"`

// The usual cause is a wrong folder or letter case (Windows and macOS ignore case; Linux and GitHub do not).
function missingMessage(root: string, relative: string, link: string): string {
  const twins = findByName(root, path.posix.basename(relative).toLowerCase()).filter((f) => f !== relative)
  const hint = twins.length
    ? `A file with that name exists at ${twins.slice(0, 3).join(', ')}: fix the link to match it exactly (letter case matters).`
    : 'Check the file was added to the submission and that the path matches it exactly (letter case matters).'
  const linked = link.replace(/^\.\//, '') === relative ? '' : ` (linked as ${short(link)})`
  return `The image ${relative}${linked} does not exist in the submission. ${hint}`
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
const LOOKALIKES: [RegExp, string][] = [
  [/^%PDF/, 'a PDF document'], [/^BM/, 'a BMP image'], [/^.{4}ftyp(heic|heix|mif1|avif)/s, 'a HEIC/AVIF photo'],
  [/^\s*(<\?xml|<svg)/i, 'an SVG drawing'], [/^\s*<(!doctype|html)/i, 'a web page (perhaps saved from the browser instead of the image)'],
  [/^II\*\0|^MM\0\*/, 'a TIFF image'], [/^PK\x03\x04/, 'a ZIP archive'],
]

/** Checks a screenshot file: a PNG, JPEG, WebP or GIF of plausible size; reads its header and hashes it in chunks. */
export function inspectImage(file: string, name = path.basename(file)): ImageFacts {
  const fail = (reason: Exclude<ImageFacts, { ok: true }>['reason'], message: string): ImageFacts => ({ ok: false, reason, message })
  let fd: number | undefined
  try {
    const size = statSync(file).size
    if (size > MAX_BYTES) return fail('too-large', `${name} is ${(size / 1024 / 1024).toFixed(1)} MB, over the 20 MB limit: save the screenshot as PNG or JPEG, or crop it.`)
    if (size === 0) return fail('not-an-image', `${name} is empty (0 bytes): take the screenshot again and save it as PNG.`)
    fd = openSync(file, 'r')
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES))
    const read = readSync(fd, head, 0, head.length, 0)
    const format = MAGIC.find(([, test]) => test(head))?.[0]
    if (!format) {
      const text = head.toString('latin1', 0, 64)
      const like = LOOKALIKES.find(([re]) => re.test(text))?.[1] ?? (/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text) ? 'a text file' : 'an unknown format')
      return fail('not-an-image', `${name} is not a PNG, JPEG, WebP or GIF image (it looks like ${like}): take the screenshot again and save it as PNG.`)
    }
    const { width, height } = dimensions(head.subarray(0, read))
    if (!Number.isInteger(width) || !Number.isInteger(height)) {
      return fail('unreadable', `${name} starts like a ${format.toUpperCase()} image but its size cannot be read (the file may be truncated or damaged): export the screenshot again.`)
    }
    if (width < MIN_SIDE || height < MIN_SIDE) return fail('too-small', `${name} is only ${width}×${height} pixels, too small to show anything: take a screenshot of the terminal or browser window.`)
    if (width > MAX_SIDE || height > MAX_SIDE) return fail('too-large', `${name} is ${width}×${height} pixels, more than ${MAX_SIDE} on a side: crop it to the relevant window.`)
    return { ok: true, format, width, height, bytes: size, sha256: hashFile(fd, size) }
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? ` (${String(e.code)})` : ''
    return fail('unreadable', `${name} cannot be read${why}: check the file is a regular, readable file in the submission.`)
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
