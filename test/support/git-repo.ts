import { execFile } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A student's repository made by a test: commits with the committer dates the test chooses. */
export class TestRepo {
  private constructor(readonly dir: string) {}

  static async init(dir: string, branch = 'main'): Promise<TestRepo> {
    mkdirSync(dir, { recursive: true })
    await run('git', ['init', '--quiet', '--initial-branch', branch, dir])
    return new TestRepo(dir)
  }

  /** Commits everything in the folder (after `change`), dated `date` (ISO 8601 with its offset); returns the hash. */
  async commit(message: string, date: string, change?: (dir: string) => void): Promise<string> {
    change?.(this.dir)
    const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
    await this.git(['add', '--all'], env)
    await this.git(['-c', 'user.name=Student', '-c', 'user.email=student@example.org', 'commit', '--quiet', '--allow-empty', '-m', message], env)
    return (await this.git(['rev-parse', 'HEAD'], env)).trim()
  }

  /** Tags HEAD (a lightweight tag, as `git tag tp1` makes it). */
  async tag(name: string): Promise<void> {
    await this.git(['tag', name], process.env)
  }

  get url(): string {
    return `file://${this.dir}`
  }

  private async git(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
    return (await run('git', ['-C', this.dir, ...args], { env })).stdout
  }
}
