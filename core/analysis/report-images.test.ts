import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { afterAll, describe, it, expect } from 'vitest'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import type { ImageProblem } from './report-review.js'
import { inspectImage, resolveImage } from './report-images.js'

const t = loadRun(labs).messages.report

const REFERENCE_PNG = new URL('../../test/references/seed/Captures/TP1/Question_1B.png', import.meta.url)

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const framed = Buffer.alloc(body.length + 8)
  framed.writeUInt32BE(data.length, 0)
  body.copy(framed, 4)
  framed.writeUInt32BE(crc32(body), body.length + 4)
  return framed
}

/** A valid grey PNG of the given size. */
function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 0, 0, 0, 0], 8) // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80)
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}
const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64')

const base = mkdtempSync(path.join(tmpdir(), 'tp1-report-test-'))
const submission = path.join(base, 'submission')
const captures = path.join(submission, 'Captures', 'TP1')
mkdirSync(captures, { recursive: true })
mkdirSync(path.join(base, 'elsewhere'))
copyFileSync(REFERENCE_PNG, path.join(captures, 'Question_1B.png'))
copyFileSync(REFERENCE_PNG, path.join(base, 'elsewhere', 'secret.png'))
writeFileSync(path.join(captures, 'Question 4b.png'), png(32, 32))
symlinkSync(path.join(base, 'elsewhere', 'secret.png'), path.join(captures, 'escape.png'))
symlinkSync(path.join(base, 'elsewhere'), path.join(submission, 'Captures', 'linked'))
symlinkSync(path.join(captures, 'Question_1B.png'), path.join(captures, 'alias.png'))
afterAll(() => rmSync(base, { recursive: true, force: true }))

/** A resolved link or an inspected file, with its problem in words as the student reads it. */
function inWords<Ok extends { ok: true }, Reason extends string>(r: Ok | { ok: false; reason: Reason; problem: ImageProblem }): Ok | { ok: false; reason: Reason; message: string } {
  return r.ok ? r : { ok: false, reason: r.reason, message: t.image(r.problem) }
}
const resolve = (href: string) => inWords(resolveImage(submission, submission, href))
const inspect = (...args: Parameters<typeof inspectImage>) => inWords(inspectImage(...args))
const file = (name: string, content: Buffer | string) => {
  writeFileSync(path.join(captures, name), content)
  return path.join(captures, name)
}

describe('resolveImage', () => {
  it('resolves a relative link to a file of the submission', () => {
    expect(resolve('./Captures/TP1/Question_1B.png')).toEqual({ ok: true, file: path.join(captures, 'Question_1B.png'), relative: 'Captures/TP1/Question_1B.png' })
    expect(resolve('Captures/TP1/Question 4b.png')).toMatchObject({ ok: true, relative: 'Captures/TP1/Question 4b.png' })
    expect(resolve('.\\Captures\\TP1\\Question_1B.png')).toMatchObject({ ok: true, relative: 'Captures/TP1/Question_1B.png' })
  })
  it('resolves relative to the report’s folder', () => {
    expect(resolveImage(submission, path.join(submission, 'Captures'), 'TP1/Question_1B.png')).toMatchObject({ ok: true, relative: 'Captures/TP1/Question_1B.png' })
    expect(resolveImage(submission, captures, '../../Captures/TP1/Question_1B.png')).toMatchObject({ ok: true })
  })
  it('refuses ../../etc/passwd.png as outside, from the path alone', () => {
    // The target does not exist: "outside" rather than "missing" shows the file system was not consulted.
    const r = resolve('../../etc/passwd.png')
    expect(r).toMatchObject({ ok: false, reason: 'outside' })
    if (!r.ok) expect(r.message).toContain('points outside the submission')
    expect(resolve('../elsewhere/secret.png')).toMatchObject({ ok: false, reason: 'outside' })
    expect(resolveImage(submission, submission, '../../etc/passwd.png')).toEqual({ ok: false, reason: 'outside', problem: { kind: 'outside', link: '../../etc/passwd.png' } })
  })
  it('refuses absolute paths, Windows paths and file: URLs', () => {
    for (const href of [path.join(captures, 'Question_1B.png'), 'C:\\Users\\eleve\\Desktop\\capture.png', 'C:/Users/eleve/capture.png', 'file:///C:/Users/eleve/capture.png', '\\\\serveur\\partage\\a.png']) {
      const r = resolve(href)
      expect(r, href).toMatchObject({ ok: false, reason: 'outside' })
      if (!r.ok) expect(r.message).toContain('absolute path')
    }
  })
  it('refuses web and data URLs: screenshots must be files', () => {
    for (const href of ['https://i.imgur.com/abc.png', 'http://localhost:8000/health', 'data:image/png;base64,iVBORw0KGgo=', '//cdn.example.com/a.png']) {
      const r = resolve(href)
      expect(r, href).toMatchObject({ ok: false, reason: 'remote' })
      if (!r.ok) expect(r.message).toContain('screenshots must be files in the submission')
    }
  })
  it('refuses a symbolic link that escapes the submission, file or folder', () => {
    const r = resolve('Captures/TP1/escape.png')
    expect(r).toMatchObject({ ok: false, reason: 'outside' })
    if (!r.ok) expect(r.message).toContain('symbolic link')
    expect(resolve('Captures/linked/secret.png')).toMatchObject({ ok: false, reason: 'outside' })
    expect(resolve('Captures/TP1/alias.png')).toMatchObject({ ok: true, relative: 'Captures/TP1/alias.png' })
  })
  it('explains a missing file, pointing at a file with the same name in another case or folder', () => {
    const r = resolve('./captures/tp1/question_1b.png')
    expect(r).toMatchObject({ ok: false, reason: 'missing' })
    if (!r.ok) expect(r.message).toMatch(/captures\/tp1\/question_1b.png .*does not exist.*Captures\/TP1\/Question_1B.png.*letter case/)
    const other = resolve('Question_1B.png')
    if (!other.ok) expect(other.message).toContain('exists at Captures/TP1/Question_1B.png')
    expect(resolve('Captures/TP1/nope.png')).toMatchObject({ ok: false, reason: 'missing' })
  })
  it('accepts a GitHub-style ?raw=true suffix', () => {
    expect(resolve('Captures/TP1/Question_1B.png?raw=true')).toMatchObject({ ok: true, relative: 'Captures/TP1/Question_1B.png' })
  })
  it('resolves "/folder/a.png" from the submission’s root when that folder is there, as GitHub does', () => {
    expect(resolve('/Captures/TP1/Question_1B.png')).toMatchObject({ ok: true, relative: 'Captures/TP1/Question_1B.png' })
    expect(resolveImage(submission, captures, '/Captures/TP1/Question 4b.png')).toMatchObject({ ok: true, relative: 'Captures/TP1/Question 4b.png' })
    expect(resolve('/etc/passwd.png')).toMatchObject({ ok: false, reason: 'outside' })
  })
  it('finds the file an Obsidian embed names anywhere in the submission, and only then', () => {
    expect(resolve('Question 4b.png')).toMatchObject({ ok: false, reason: 'missing' })
    expect(resolveImage(submission, submission, 'Question 4b.png', { byName: true })).toMatchObject({ ok: true, relative: 'Captures/TP1/Question 4b.png' })
    expect(resolveImage(submission, submission, 'nope.png', { byName: true })).toMatchObject({ ok: false, reason: 'missing' })
  })
  it('refuses a folder and an empty link', () => {
    expect(resolve('Captures/TP1')).toMatchObject({ ok: false, reason: 'missing' })
    expect(resolve('  ')).toMatchObject({ ok: false, reason: 'missing' })
  })
})

describe('inspectImage', () => {
  it('reads the format, size and hash of a reference screenshot', () => {
    const f = path.join(captures, 'Question_1B.png')
    expect(inspect(f)).toEqual({ ok: true, format: 'png', width: 320, height: 180, bytes: readFileSync(f).length, sha256: createHash('sha256').update(readFileSync(f)).digest('hex') })
  })
  it('accepts a generated 32x32 PNG', () => {
    expect(inspect(path.join(captures, 'Question 4b.png'))).toMatchObject({ ok: true, format: 'png', width: 32, height: 32 })
  })
  it('refuses a text file named .png, naming the file', () => {
    const r = inspect(file('notes.png', 'docker ps -a\nCONTAINER ID   IMAGE\n'), 'Captures/TP1/notes.png')
    expect(r).toMatchObject({ ok: false, reason: 'not-an-image' })
    if (!r.ok) expect(r.message).toBe('Captures/TP1/notes.png is not a PNG, JPEG, WebP or GIF image (it looks like a text file): take the screenshot again and save it as PNG.')
  })
  it('recognises common wrong formats', () => {
    const like = (name: string, content: Buffer | string) => {
      const r = inspect(file(name, content))
      return r.ok ? r : r.message
    }
    expect(like('page.png', '<!DOCTYPE html><html><body>GitHub</body></html>')).toContain('a web page')
    expect(like('doc.png', '%PDF-1.7\n')).toContain('a PDF document')
    expect(like('empty.png', '')).toContain('is empty')
    expect(like('bin.png', Buffer.from([0, 1, 2, 3, 200, 201]))).toContain('an unknown format')
  })
  it('refuses a 1x1 PNG and a 1x1 GIF as too small', () => {
    const r = inspect(file('dot.png', png(1, 1)))
    expect(r).toMatchObject({ ok: false, reason: 'too-small' })
    if (!r.ok) expect(r.message).toContain('dot.png is only 1×1 pixels')
    expect(inspect(file('dot.gif', GIF_1X1))).toMatchObject({ ok: false, reason: 'too-small' })
  })
  it('refuses a truncated PNG as unreadable', () => {
    expect(inspect(file('cut.png', png(32, 32).subarray(0, 12)))).toMatchObject({ ok: false, reason: 'unreadable' })
  })
  it('refuses a file over 20 MB without reading it, and absurd dimensions', () => {
    const big = file('big.png', png(32, 32))
    truncateSync(big, 21 * 1024 * 1024)
    expect(inspect(big)).toMatchObject({ ok: false, reason: 'too-large', message: expect.stringContaining('21.0 MB') })
    expect(inspect(file('wide.png', png(30_000, 16).subarray(0, 33)))).toMatchObject({ ok: false, reason: 'too-large' })
  })
  it('reports a missing file as unreadable', () => {
    expect(inspect(path.join(captures, 'gone.png'))).toMatchObject({ ok: false, reason: 'unreadable', message: expect.stringContaining('(ENOENT)') })
  })
})
