import cliProgress from 'cli-progress'

/** What an instructor watches during a batch: one line per finished submission, and a bar on a terminal. */
export interface Progress {
  /** A submission started: shown among those running. */
  started(student: string): void
  /** A submission is done: its line, and one more counted. */
  finished(student: string, line: string): void
  /** A line that does not count (warnings, notes). */
  note(line: string): void
  stop(): void
}

/** A bar on a terminal; plain lines in a log or on a CI (`ci`: CI=true). */
export function createProgress(total: number, { ci }: { ci: boolean }, stream: NodeJS.WriteStream = process.stdout): Progress {
  const interactive = Boolean(stream.isTTY) && !ci
  return interactive ? barProgress(total, stream) : plainProgress(total, stream)
}

/** Logs and CI: plain lines, nothing redrawn. */
function plainProgress(total: number, stream: NodeJS.WritableStream): Progress {
  let done = 0
  return {
    started: (student) => stream.write(`[${done}/${total}] ${student}: grading…\n`),
    finished: (student, line) => stream.write(`[${++done}/${total}] ${student}: ${line}\n`),
    note: (line) => stream.write(`${line}\n`),
    stop: () => {},
  }
}

function barProgress(total: number, stream: NodeJS.WriteStream): Progress {
  const running = new Set<string>()
  const multibar = new cliProgress.MultiBar(
    { stream, format: 'grading {bar} {value}/{total} | {running}', hideCursor: true, clearOnComplete: false, autopadding: true },
    cliProgress.Presets.shades_classic,
  )
  const bar = multibar.create(total, 0, { running: '' })
  const runningText = () => ({ running: [...running].join(', ') || '—' })
  let done = 0
  return {
    started: (student) => {
      running.add(student)
      bar.update(runningText())
    },
    finished: (student, line) => {
      running.delete(student)
      multibar.log(`[${++done}/${total}] ${student}: ${line}\n`)
      bar.increment(1, runningText())
    },
    note: (line) => multibar.log(`${line}\n`),
    stop: () => {
      // Lines logged since the last redraw are printed on the next one: draw once more before stopping.
      multibar.update()
      multibar.stop()
    },
  }
}
