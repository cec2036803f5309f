import type { Finding } from '../../../../core/grading/finding.js'
import type { Expected } from '../../expected.js'

/** The feedback of one item of ex3.dockerfile: a check's finding without its message (the check has one). */
type ItemFeedback = Omit<Finding, 'message'>

/**
 * Where the app must land: `file` (the module `module` uvicorn imports), copied into `workdir`, the directory the
 * container runs in, is at `target`.
 */
interface AppCopy { file: string; module: string; workdir: string; target: string }

const fromExpected = ({ repository, pythonMajor, example }: Expected['baseImage']) =>
  `FROM an official Python ${pythonMajor} image: ${repository}:${pythonMajor}.x, any variant (for example ${example})`
const workdirExpected = (pinned: string | undefined) =>
  (pinned === undefined ? 'a WORKDIR of your choice (for example WORKDIR /app) before CMD' : `WORKDIR ${pinned} (before CMD)`)
const workdirFix = (pinned: string | undefined) => (pinned === undefined
  ? 'Add a WORKDIR right after FROM, for example `WORKDIR /app`: it creates the folder and makes it the current directory for COPY, RUN and CMD.'
  : `Add \`WORKDIR ${pinned}\` right after FROM: it creates the folder and makes it the current directory for COPY, RUN and CMD.`)
const copyExpected = (app: AppCopy) => `COPY ${app.file} . (after WORKDIR ${app.workdir}), so the file is at ${app.target}`
const copyFix = (app: AppCopy) => (app.workdir === '/'
  ? `Set a working directory (for example WORKDIR /app) and copy the app into it with \`COPY ${app.file} .\`; uvicorn looks for ${app.module}.py in the working directory.`
  : `Add \`COPY ${app.file} .\` after WORKDIR ${app.workdir}; uvicorn looks for ${app.module}.py in the working directory.`)

/**
 * Messages of the static Dockerfile rules (analysis/dockerfile-rules.ts): each item's feedback is one function of what
 * the rule saw. `quoted`: instructions as `quote` shows them; `pipLine`, `execLine`: the instructions the lab gives.
 */
export const dockerfile = {
  /** One instruction of the student's Dockerfile, quoted. */
  quote: (line: number, text: string) => `line ${line}: ${text}`,
  from: {
    missing: (baseImage: Expected['baseImage']): ItemFeedback => ({
      expected: `FROM ${baseImage.example}`,
      seen: 'no FROM instruction',
      fix: `Start the Dockerfile with a Python base image, for example: FROM ${baseImage.example}`,
    }),
    otherImage: (quoted: string, baseImage: Expected['baseImage']): ItemFeedback => ({
      expected: fromExpected(baseImage),
      seen: quoted,
      fix: `Start from the official Python image, which has python and pip: for example FROM ${baseImage.example}`,
    }),
    /** `tag` names another major version of Python. */
    otherMajor: (quoted: string, tag: string, baseImage: Expected['baseImage']): ItemFeedback => ({
      expected: fromExpected(baseImage),
      seen: quoted,
      fix: `The tag ${tag} is not a Python ${baseImage.pythonMajor} image: FastAPI and uvicorn need Python ${baseImage.pythonMajor}. Write, for example: FROM ${baseImage.example}`,
    }),
    /** Passes: the image names no Python version ("python", "python:slim"). */
    unpinned: (image: string, example: string): ItemFeedback => ({
      fix: `${image} is the newest Python, whichever it is on the day of the build: name a version so the image builds the same tomorrow, for example FROM ${example}.`,
    }),
  },
  workdir: {
    /** `pinned`: the working directory the lab pins, if it pins one. */
    missing: (pinned: string | undefined): ItemFeedback => ({
      expected: workdirExpected(pinned),
      seen: 'no WORKDIR instruction (the container runs in /)',
      fix: workdirFix(pinned),
    }),
    /** The last WORKDIR before CMD (`quoted`) leaves the container in `runsIn`, not in the pinned one. */
    elsewhere: (quoted: string, runsIn: string, pinned: string): ItemFeedback => ({
      expected: workdirExpected(pinned),
      seen: `${quoted} (so the container runs in ${runsIn})`,
      fix: workdirFix(pinned),
    }),
    blank: (quoted: string, pinned: string | undefined): ItemFeedback => ({
      expected: workdirExpected(pinned),
      seen: `${quoted}: the statement's blank, not filled in`,
      fix: workdirFix(pinned),
    }),
  },
  copy: {
    /** Passes: ADD puts the app where it belongs. */
    preferCopy: (appFile: string): ItemFeedback => ({
      fix: `ADD works here, but COPY is preferred for local files: ADD also downloads URLs and unpacks archives. Write: COPY ${appFile} .`,
    }),
    /** `quoted` puts the app at `at`; `stillRoot`: the working directory is still / at that line. */
    elsewhere: (quoted: string, at: string, stillRoot: boolean, app: AppCopy): ItemFeedback => ({
      expected: copyExpected(app),
      seen: `${quoted} puts ${app.file} at ${at}${stillRoot ? ' (the working directory is still / at that line)' : ''}`,
      fix: stillRoot && app.workdir !== '/' ? `Move WORKDIR ${app.workdir} above the COPY line, or write COPY ${app.file} ${app.workdir}/` : copyFix(app),
    }),
    /** None of the `quoted` COPY instructions copies the app. */
    notCopied: (quoted: readonly string[], app: AppCopy): ItemFeedback => ({
      expected: copyExpected(app),
      seen: `${quoted.join('\n')} (none of these copies ${app.file})`,
      fix: copyFix(app),
    }),
    missing: (app: AppCopy): ItemFeedback => ({
      expected: copyExpected(app),
      seen: 'no COPY instruction: the image does not contain your code',
      fix: copyFix(app),
    }),
  },
  pip: {
    /** The `quoted` pip installs leave out `missing`; `unread`: requirement files they name that the submission lacks. */
    incomplete: (
      quoted: readonly string[], missing: readonly string[], unread: readonly string[], pipLine: string,
    ): ItemFeedback => ({
      expected: pipLine,
      seen: quoted.join('\n'),
      fix: `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed${
        unread.length ? ` (${unread.map((file) => `it installs from ${file}, which is not in your submission`).join('; ')})` : ''
      }. Install them in one instruction: ${pipLine}`,
    }),
    missing: (packages: readonly string[], pipLine: string): ItemFeedback => ({
      expected: pipLine,
      seen: 'no RUN pip install instruction',
      fix: `Without it the image lacks ${packages.join(' and ')}, and the container fails with: exec: "uvicorn": executable file not found in $PATH. Add: ${pipLine}`,
    }),
  },
  cmd: {
    missing: (execLine: string): ItemFeedback => ({
      expected: execLine,
      seen: 'no CMD instruction',
      fix: `Without CMD the python image starts a Python prompt, which exits at once. Add: ${execLine}`,
    }),
    /** `problems`: why the instructions are not in exec form (the sentences below). */
    notExecForm: (quoted: readonly string[], problems: readonly string[], execLine: string): ItemFeedback => ({
      expected: execLine,
      seen: quoted.join('\n'),
      fix: `${problems.join(' ')} Use exec form (a JSON array, double quotes): ${execLine}`,
    }),
    /** `argv`: what the container runs, in exec form. */
    notUvicorn: (quoted: readonly string[], argv: readonly string[], execLine: string): ItemFeedback => ({
      expected: execLine,
      seen: quoted.join('\n'),
      fix: `The container runs \`${argv.join(' ') || '(nothing)'}\`; the lab asks to start the server with uvicorn directly: ${execLine}`,
    }),
    /** `problems`: what is wrong with uvicorn's arguments (the sentences below). */
    wrongArguments: (quoted: readonly string[], problems: readonly string[], execLine: string): ItemFeedback => ({
      expected: execLine,
      seen: quoted.join('\n'),
      fix: `${problems.join(' ')} Write: ${execLine}`,
    }),
    entrypoint: (line: number) =>
      `Line ${line} starts the server with ENTRYPOINT, where the lab asks for CMD: with an ENTRYPOINT, \`docker run <image> <command>\` passes the command to uvicorn as arguments instead of running it.`,
    singleQuotes: (line: number, raw: string) =>
      `Line ${line} looks like exec form but uses single quotes: exec form is JSON, which only allows double quotes, so Docker falls back to shell form and runs /bin/sh -c "${raw}", which fails.`,
    invalidJson: (line: number) =>
      `Line ${line} starts with [ but is not valid JSON (check the commas, the closing ] and that nothing follows it), so Docker runs it in shell form.`,
    /** `graceSeconds`: how long docker stop waits before it kills the container. */
    shellForm: (line: number, raw: string, graceSeconds: number) =>
      `Line ${line} is in shell form: Docker runs it as /bin/sh -c "${raw}", so /bin/sh is PID 1 and uvicorn its child. /bin/sh does not forward SIGTERM, so \`docker stop\` waits ${graceSeconds} s and then kills the container (exit code 137).`,
    shortOption: (option: string) => `uvicorn has no option ${option} (its options are long, like --port).`,
    noApp: (appModule: string, file: string | undefined, attr: string | undefined) =>
      `uvicorn gets no application: give it ${appModule} (the module ${file}, i.e. ${file}.py, and the variable ${attr} in it).`,
    wrongModule: (module: string, asked: string | undefined, file: string | undefined, appModule: string) =>
      `uvicorn is told to load ${module}, so it looks for ${asked}.py and fails with: Could not import module "${asked}". Your file is ${file}.py, so write ${appModule}.`,
    wrongAttr: (module: string, file: string | undefined, attr: string | undefined, appModule: string) =>
      `uvicorn is told to load ${module}, but the FastAPI object in ${file}.py is called ${attr}: write ${appModule}.`,
    extraArgs: (extra: readonly string[]) => `uvicorn gets unexpected extra arguments: ${extra.join(' ')}.`,
    noHost: (host: string) =>
      `There is no --host, so uvicorn listens on its default 127.0.0.1: inside a container that only accepts connections from the container itself, never through the published port. Add "--host", "${host}".`,
    wrongHost: (host: string, wanted: string, loopback: boolean) =>
      `--host is ${host}, so uvicorn ${loopback ? 'only accepts connections from inside the container, never through the published port' : `listens on ${host} only`}. Use "--host", "${wanted}".`,
    wrongPort: (port: string, wanted: number) =>
      `uvicorn listens on port ${port} inside the container, but the lab publishes port ${wanted}: requests reach nothing. Use "--port", "${wanted}".`,
  },
}
