import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'

const run = promisify(execFile)

interface Step {
  id?: string
  run?: string
  env?: Record<string, string>
  'working-directory'?: string
}

interface Workflow {
  on: { workflow_call?: { inputs?: Record<string, { default?: string | boolean }> }; workflow_dispatch?: { inputs?: Record<string, { default?: string | boolean }> } }
  jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>
}

export interface StepRun {
  exitCode: number
  output: string
  /** The workflow commands the runner would act on: none of those between ::stop-commands::TOKEN and ::TOKEN::. */
  commands: string[]
}

/** The workflow commands GitHub's runner processes in a step's output, as it does: stop-commands pauses them. */
export function workflowCommands(output: string): string[] {
  const commands: string[] = []
  let resumeToken: string | undefined
  for (const line of output.split('\n')) {
    if (resumeToken !== undefined) {
      if (line === `::${resumeToken}::`) resumeToken = undefined
      continue
    }
    if (line.startsWith('::stop-commands::')) resumeToken = line.slice('::stop-commands::'.length)
    else if (line.startsWith('::')) commands.push(line)
  }
  return commands
}

/**
 * One job of a workflow file, whose `run` steps are run as GitHub's runner runs them: the step's script with
 * `bash --noprofile --norc -eo pipefail`, in its working directory under GITHUB_WORKSPACE, with the variables Actions
 * sets (GITHUB_ACTIONS, CI, GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_ENV…), the job's and the step's `env`, and
 * what a step wrote to GITHUB_ENV for the steps after it. The `${{ … }}` in them are read from `contexts`
 * (`github.workspace`, `inputs.*` with the workflow's defaults, `runner.temp`); any other expression is an error, so
 * that the workflow cannot change in a way this test does not follow. `uses` steps (checkout, setup-node) are the
 * caller's to stand in for, by laying out the workspace before.
 */
export class WorkflowJob {
  private readonly job: Workflow['jobs'][string]
  private readonly baseEnv: NodeJS.ProcessEnv
  private readonly contexts: Record<string, string>
  private readonly carried: Record<string, string> = {}
  readonly summaryFile: string
  private readonly runnerTemp: string
  private step = 0

  /** `contexts`: the other values the job's expressions read (`matrix.shard`, `vars.GRADER_LANG`, `github.event.…`). */
  constructor(workflowFile: string, jobId: string, readonly workspace: string, options: { inputs?: Record<string, string>; env?: NodeJS.ProcessEnv; contexts?: Record<string, string> } = {}) {
    const workflow = parse(readFileSync(workflowFile, 'utf8')) as Workflow
    const job = workflow.jobs[jobId]
    if (!job) throw new Error(`${workflowFile} has no job ${jobId}`)
    this.job = job
    this.runnerTemp = path.join(workspace, '..', '_temp')
    mkdirSync(this.runnerTemp, { recursive: true })
    this.summaryFile = path.join(this.runnerTemp, 'step_summary')
    writeFileSync(this.summaryFile, '')
    const declared = workflow.on.workflow_call?.inputs ?? workflow.on.workflow_dispatch?.inputs ?? {}
    for (const name of Object.keys(options.inputs ?? {}))
      if (!(name in declared)) throw new Error(`${workflowFile} declares no input ${name}`)
    this.contexts = {
      'github.workspace': workspace,
      'runner.temp': this.runnerTemp,
      ...Object.fromEntries(Object.entries(declared).map(([name, input]) => [`inputs.${name}`, options.inputs?.[name] ?? String(input.default ?? '')])),
      ...options.contexts,
    }
    this.baseEnv = options.env ?? {}
  }

  /** A variable of the job's `env`, evaluated. */
  jobEnv(name: string): string {
    const value = this.job.env?.[name]
    if (value === undefined) throw new Error(`the job sets no ${name}`)
    return this.evaluate(value)
  }

  /** The job summary the steps wrote so far. */
  summary(): string {
    return readFileSync(this.summaryFile, 'utf8')
  }

  /** Evaluates the `${{ … }}` of a workflow value. */
  evaluate(value: string): string {
    return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
      if (!(expression in this.contexts)) throw new Error(`this test cannot evaluate \${{ ${expression} }}: teach test/support/workflow-job.ts`)
      return this.contexts[expression]!
    })
  }

  /** Runs the step with this id, as the runner would. */
  async run(stepId: string): Promise<StepRun> {
    const step = this.job.steps.find((s) => s.id === stepId)
    if (!step?.run) throw new Error(`the job has no run step with id ${stepId}`)
    this.step += 1
    const script = path.join(this.runnerTemp, `step-${this.step}.sh`)
    writeFileSync(script, step.run)
    const githubEnv = path.join(this.runnerTemp, `set_env_${this.step}`)
    writeFileSync(githubEnv, '')
    const evaluated = (env: Record<string, string> = {}) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, this.evaluate(String(v))]))
    const env = {
      ...process.env,
      ...this.baseEnv,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: this.workspace,
      GITHUB_STEP_SUMMARY: this.summaryFile,
      GITHUB_ENV: githubEnv,
      GITHUB_OUTPUT: path.join(this.runnerTemp, `set_output_${this.step}`),
      RUNNER_TEMP: this.runnerTemp,
      RUNNER_OS: 'Linux',
      ...this.carried,
      ...evaluated(this.job.env),
      ...evaluated(step.env),
    }
    const cwd = path.resolve(this.workspace, this.evaluate(step['working-directory'] ?? '.'))
    if (!existsSync(cwd)) throw new Error(`the step's working directory ${cwd} does not exist`)
    let exitCode = 0
    let output: string
    try {
      const result = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, maxBuffer: 64 * 1024 * 1024 })
      output = result.stdout + result.stderr
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string }
      exitCode = typeof e.code === 'number' ? e.code : 1
      output = (e.stdout ?? '') + (e.stderr ?? '')
    }
    for (const line of readFileSync(githubEnv, 'utf8').split('\n').filter(Boolean)) {
      const equals = line.indexOf('=')
      if (equals < 1 || /^\w+<</.test(line)) throw new Error(`GITHUB_ENV line this test does not read: ${line}`)
      this.carried[line.slice(0, equals)] = line.slice(equals + 1)
    }
    return { exitCode, output, commands: workflowCommands(output) }
  }
}
