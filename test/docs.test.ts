import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Nodes, Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { toString } from 'mdast-util-to-string'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { projectRoot } from './support/fixtures.js'

/**
 * Paths the pages name that other branches being merged now create (docs/grading-a-class.md: issue 26;
 * docs/compose-keys.md: issue 29; the seed's hand-in moved to test/references/seed/: issue 25). Empty it once they
 * are in: from then on they are checked like every other path.
 */
const PROMISED = new Set<string>([])

/** The README and every page of docs/, relative to the repository. */
function pages(): string[] {
  const docs = readdirSync(path.join(projectRoot, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))
  return ['README.md', ...docs.map((f) => path.posix.join('docs', f.split(path.sep).join('/')))]
}

const parse = (page: string): Root => fromMarkdown(readFileSync(path.join(projectRoot, page), 'utf8'), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })

function nodes(tree: Nodes): Nodes[] {
  return [tree, ...('children' in tree ? tree.children.flatMap((child) => nodes(child)) : [])]
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')

const anchorsOf = (page: string) => new Set(nodes(parse(page)).filter((n) => n.type === 'heading').map((n) => slug(toString(n))))

/** A path of the repository, as `a/b`, without its trailing slash; undefined for a path outside it. */
function inRepository(from: string, target: string): string | undefined {
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(from), target)).replace(/\/$/, '')
  return resolved.startsWith('..') ? undefined : resolved
}

/** Names written like a path that are not files: Classroom 50's schema name. */
const NOT_PATHS = new Set(['classroom50/result/v1'])

const exists = (relative: string) => PROMISED.has(relative) || existsSync(path.join(projectRoot, relative))
const topLevel = new Set(readdirSync(projectRoot))

describe.each(pages())('%s', (page) => {
  const tree = parse(page)

  it('links only to files of the repository that exist, and to headings that exist', () => {
    const broken: string[] = []
    for (const node of nodes(tree)) {
      if (node.type !== 'link' && node.type !== 'definition' && node.type !== 'image') continue
      if (/^[a-z][a-z+.-]*:/i.test(node.url)) continue
      const [file = '', anchor] = decodeURI(node.url).split('#')
      const target = file ? inRepository(page, file) : page
      if (target === undefined || !exists(target)) {
        broken.push(`${node.url} (no such file)`)
        continue
      }
      if (anchor && target.endsWith('.md') && !PROMISED.has(target) && !anchorsOf(target).has(anchor)) broken.push(`${node.url} (no such heading)`)
    }
    expect(broken).toEqual([])
  })

  it('names only files and folders of the repository that exist', () => {
    // A code span such as `lab/early-stack.ts` whose first folder is one of the repository's; a hand-in's own paths
    // (`api/Dockerfile`, `reports/rapport_tp1.md`) and placeholders (`test/fixtures/<name>/`) are not the repository's.
    const missing = nodes(tree)
      .filter((n) => n.type === 'inlineCode')
      .map((n) => n.value)
      .filter((value) => /^\.?[\w-]+(\/[\w.@-]+)+\/?$/.test(value) && topLevel.has(value.split('/')[0]!) && !NOT_PATHS.has(value))
      .filter((value) => !exists(value.replace(/\/$/, '')))
    expect(missing).toEqual([])
  })

  it("pins the students' command at this grader's version", () => {
    const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }
    const pinned = [...readFileSync(path.join(projectRoot, page), 'utf8').matchAll(/tp1-docker-grader@([^\s`<"]+)/g)].map((m) => m[1])
    expect(pinned.filter((v) => v !== version)).toEqual([])
  })
})

describe('the README', () => {
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8')

  it('is a front page: at most 150 lines, with the grader\'s test command', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(150)
    expect(readme).toContain('npm run test:grader')
  })
})

describe('the sample sheets of docs/verdicts.md', () => {
  // The section's two excerpts, French then English, sit between horizontal rules.
  const section = readFileSync(path.join(projectRoot, 'docs', 'verdicts.md'), 'utf8').split('## Sample grade sheets')[1]!.split('\n## ')[0]!
  const excerpts = section.split(/^---$/m).slice(1, 3)

  it.each([['shell-form-cmd.fr', 0], ['shell-form-cmd.en', 1]] as const)('are an excerpt of test/golden/%s/grade-sheet.md, line for line', (golden, index) => {
    // The page shows the sheet's headings two levels down, under its own: a heading is compared without its level.
    const level = (line: string) => line.replace(/^#{1,6} /, '# ')
    const sheet = readFileSync(path.join(projectRoot, 'test', 'golden', golden, 'grade-sheet.md'), 'utf8').split('\n').map(level)
    const lines = excerpts[index]!.split('\n').filter((l) => l.trim()).map(level)
    expect(lines.length).toBeGreaterThan(10)
    let at = 0
    const notFound = lines.filter((line) => {
      const found = sheet.indexOf(line, at)
      if (found < 0) return true
      at = found + 1
      return false
    })
    expect(notFound).toEqual([])
  })
})
