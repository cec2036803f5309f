import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { projectRoot } from './support/fixtures.js'

/**
 * The first major of each action that runs on Node 24 (`runs.using: node24` in that tag's action.yml, read in each
 * action's repository, 2026-12). GitHub removed the Node 20 runtime from its runners on 2026-09-16. An action not in
 * this table fails the test until someone checks it and adds it.
 */
const FIRST_NODE24_MAJOR: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
}

/** The grader's workflows, and the students' one that the starter writes (when this tree has the starter). */
const WORKFLOW_FOLDERS = ['.github/workflows', 'starter/template/.github/workflows']
const workflows = WORKFLOW_FOLDERS.filter((folder) => existsSync(path.join(projectRoot, folder)))
  .flatMap((folder) => readdirSync(path.join(projectRoot, folder)).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.posix.join(folder, f)))

interface Step { uses?: string; with?: Record<string, unknown> }
interface Workflow { jobs: Record<string, { steps?: Step[] }> }

const steps = (file: string): Step[] =>
  Object.values((parse(readFileSync(path.join(projectRoot, file), 'utf8')) as Workflow).jobs).flatMap((job) => job.steps ?? [])

describe.each(workflows)('%s', (file) => {
  it('uses only actions that run on Node 24', () => {
    const old = steps(file).map((s) => s.uses).filter((uses): uses is string => uses !== undefined && !uses.startsWith('./'))
      .filter((uses) => {
        const [action = '', ref = ''] = uses.split('@')
        const first = FIRST_NODE24_MAJOR[action]
        return first === undefined || !(Number(/^v(\d+)/.exec(ref)?.[1]) >= first)
      })
    expect(old).toEqual([])
  })

  it('grades on Node 24', () => {
    const versions = steps(file).filter((s) => s.uses?.startsWith('actions/setup-node@')).map((s) => String(s.with?.['node-version']))
    expect(versions.filter((v) => v !== '24')).toEqual([])
  })
})

describe('the lint of the workflows', () => {
  it('checks every workflow file: npm run lint:workflows names their folders', () => {
    const script = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['lint:workflows']!
    for (const folder of WORKFLOW_FOLDERS) expect(script).toContain(`${folder}/*.yml`)
  })
})

it("setup.sh installs Node 24 for Gradescope's image", () => {
  expect(readFileSync(path.join(projectRoot, 'setup.sh'), 'utf8')).toMatch(/deb\.nodesource\.com\/setup_24\.x/)
})
