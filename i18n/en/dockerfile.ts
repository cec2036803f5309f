/** Messages of the static Dockerfile rules (analysis/dockerfile-rules.ts). */
export const dockerfile = {
  /** One instruction of the student's Dockerfile, quoted. */
  quote: (line: number, text: string) => `line ${line}: ${text}`,
  from: {
    expected: (repository: string, major: number) => `FROM an official Python ${major} image: ${repository}:${major}.x, any variant (for example ${repository}:${major}.11-slim)`,
    none: 'no FROM instruction',
    startWith: (image: string) => `Start the Dockerfile with a Python base image, for example: FROM ${image}`,
    otherImage: (image: string) => `Start from the official Python image, which has python and pip: for example FROM ${image}`,
    otherMajor: (tag: string, major: number, image: string) =>
      `The tag ${tag} is not a Python ${major} image: FastAPI and uvicorn need Python ${major}. Write, for example: FROM ${image}`,
    /** Passes: the image names no Python version ("python", "python:slim"). */
    pinVersion: (image: string, example: string) =>
      `${image} is the newest Python, whichever it is on the day of the build: name a version so the image builds the same tomorrow, for example FROM ${example}.`,
  },
  workdir: {
    expected: (workdir: string) => `WORKDIR ${workdir} (before CMD)`,
    expectedAny: 'a WORKDIR of your choice (for example WORKDIR /app) before CMD',
    seen: (quoted: string, final: string) => `${quoted} (so the container runs in ${final})`,
    none: 'no WORKDIR instruction (the container runs in /)',
    fix: (workdir: string) => `Add \`WORKDIR ${workdir}\` right after FROM: it creates the folder and makes it the current directory for COPY, RUN and CMD.`,
    fixAny: 'Add a WORKDIR right after FROM, for example `WORKDIR /app`: it creates the folder and makes it the current directory for COPY, RUN and CMD.',
  },
  copy: {
    preferCopy: (appFile: string) => `ADD works here, but COPY is preferred for local files: ADD also downloads URLs and unpacks archives. Write: COPY ${appFile} .`,
    expected: (appFile: string, workdir: string, target: string) => `COPY ${appFile} . (after WORKDIR ${workdir}), so the file is at ${target}`,
    putsAt: (quoted: string, appFile: string, at: string, stillRoot: boolean) =>
      `${quoted} puts ${appFile} at ${at}${stillRoot ? ' (the working directory is still / at that line)' : ''}`,
    noneCopies: (quoted: string, appFile: string) => `${quoted} (none of these copies ${appFile})`,
    none: 'no COPY instruction: the image does not contain your code',
    fixTooEarly: (workdir: string, appFile: string, dir: string) => `Move WORKDIR ${workdir} above the COPY line, or write COPY ${appFile} ${dir}/`,
    fix: (appFile: string, workdir: string, module: string) =>
      `Add \`COPY ${appFile} .\` after WORKDIR ${workdir}; uvicorn looks for ${module}.py in the working directory.`,
    fixNoWorkdir: (appFile: string, module: string) =>
      `Set a working directory (for example WORKDIR /app) and copy the app into it with \`COPY ${appFile} .\`; uvicorn looks for ${module}.py in the working directory.`,
  },
  pip: {
    unread: (file: string) => `it installs from ${file}, which is not in your submission`,
    none: 'no RUN pip install instruction',
    missing: (missing: readonly string[], unread: readonly string[], line: string) =>
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed${unread.length ? ` (${unread.join('; ')})` : ''}. Install them in one instruction: ${line}`,
    absent: (packages: readonly string[], line: string) =>
      `Without it the image lacks ${packages.join(' and ')}, and the container fails with: exec: "uvicorn": executable file not found in $PATH. Add: ${line}`,
  },
  cmd: {
    none: 'no CMD instruction',
    withoutCmd: (exec: string) => `Without CMD the python image starts a Python prompt, which exits at once. Add: ${exec}`,
    entrypoint: (line: number) =>
      `Line ${line} starts the server with ENTRYPOINT, where the lab asks for CMD: with an ENTRYPOINT, \`docker run <image> <command>\` passes the command to uvicorn as arguments instead of running it.`,
    singleQuotes: (line: number, raw: string) =>
      `Line ${line} looks like exec form but uses single quotes: exec form is JSON, which only allows double quotes, so Docker falls back to shell form and runs /bin/sh -c "${raw}", which fails.`,
    invalidJson: (line: number) =>
      `Line ${line} starts with [ but is not valid JSON (check the commas, the closing ] and that nothing follows it), so Docker runs it in shell form.`,
    shellForm: (line: number, raw: string) =>
      `Line ${line} is in shell form: Docker runs it as /bin/sh -c "${raw}", so /bin/sh is PID 1 and uvicorn its child. /bin/sh does not forward SIGTERM, so \`docker stop\` waits 10 s and then kills the container (exit code 137).`,
    useExec: (problems: readonly string[], exec: string) => `${problems.join(' ')} Use exec form (a JSON array, double quotes): ${exec}`,
    notUvicorn: (argv: readonly string[], exec: string) =>
      `The container runs \`${argv.join(' ') || '(nothing)'}\`; the lab asks to start the server with uvicorn directly: ${exec}`,
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
    write: (problems: readonly string[], exec: string) => `${problems.join(' ')} Write: ${exec}`,
  },
}
