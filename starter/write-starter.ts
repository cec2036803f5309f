// npm run starter -- <dir> [--force]: writes the repository the students start from (a template repository).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { lab } from '../labs/tp1/lab.js'

const tp1 = lab.rubric
import { starterFiles } from './starter-files.js'

/** Writes the starter into `dir`, which must be empty or new unless `force` (then its files are written over). */
export function writeStarter(dir: string, options: { force?: boolean } = {}): string[] {
  if (existsSync(dir) && readdirSync(dir).length && !options.force) throw new Error(`${dir} is not empty (--force writes over its files)`)
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  const files = starterFiles(lab, version)
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return Object.keys(files)
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean' } } })
  if (positionals.length !== 1) {
    process.stderr.write('Usage: npm run starter -- <dir> [--force]\n')
    process.exit(2)
  }
  try {
    const written = writeStarter(path.resolve(positionals[0]!), { force: values.force ?? false })
    process.stdout.write(`${written.map((f) => `${positionals[0]}/${f}`).join('\n')}\n`)
  } catch (error) {
    process.stderr.write(`starter: ${(error as Error).message}\n`)
    process.exit(2)
  }
}
