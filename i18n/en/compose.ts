const TAB_ADVICE = 'YAML forbids tabs for indentation; indent with spaces (2 per level); in your editor convert indentation to spaces'

/** Messages of the Compose file checks: its YAML (analysis/compose-file.ts) and what the grader refuses to run (analysis/compose-policy.ts). */
export const compose = {
  yaml: {
    /** One line of the student's Compose file, quoted. */
    quote: (line: number, text: string) => `line ${line}: ${text}`,
    expected: 'valid YAML',
    /** `reason` is the yaml library's own message. */
    invalid: (file: string, reason: string) => `${file} is not valid YAML: ${reason}`,
    aliasFix: 'Check every alias (*name) refers to an anchor (&name) defined above it.',
    tab: {
      message: (file: string, line: number, tabLines: number) =>
        `${file} line ${line} is indented with a tab${tabLines > 1 ? ` (${tabLines} lines start with a tab)` : ''}: ${TAB_ADVICE}.`,
      expected: 'indentation made of spaces only',
      seen: (quoted: string) => `${quoted} (→ marks a tab)`,
      fix: `${TAB_ADVICE} (VS Code: "Convert Indentation to Spaces" in the command palette).`,
      also: (line: number) => ` Also, line ${line} is indented with a tab: ${TAB_ADVICE}.`,
    },
    /** `yamlSays` is the yaml library's own message. */
    invalidAt: (file: string, line: number, column: number, yamlSays: string) => `${file} is not valid YAML at line ${line}, column ${column}: ${yamlSays}`,
    duplicate: {
      message: (file: string, key: string | undefined, line: number, earlier: number | undefined) =>
        `${file}: the key ${key ?? '(see line)'} appears twice in the same block (${earlier ? `lines ${earlier} and ${line}` : `line ${line}`}); YAML keys must be unique`,
      fix: 'Keep a single entry: merge the two blocks into one, or rename the second one if it is meant to be something else (for example another service).',
    },
    indentFix: (line: number) =>
      `Check line ${line} and the line above it: keys at the same level must start in the same column (2 spaces per level), and every key needs a colon and a space after it (key: value).`,
    missingChar: (line: number) => `Close the quote or bracket opened on line ${line} (or just before it).`,
    multipleDocs: 'Keep a single document: remove the --- separator and merge the content.',
    badEscape: (line: number) => `Inside "double quotes" a backslash starts an escape; use 'single quotes' on line ${line} instead.`,
    otherFix: (line: number) => `Fix line ${line} (or the line just before it); an online YAML validator shows the structure as YAML reads it.`,
  },
  policy: {
    privileged: 'privileged: true gives the container full control of the host',
    capAdd: (capabilities: readonly string[]) => `cap_add: ${capabilities.join(', ')} gives the container extra kernel powers`,
    hostNamespace: (key: string, namespace: string) => `${key}: host shares the host's ${namespace} namespace with the container`,
    devices: 'devices: gives the container direct access to host devices',
    unconfined: (option: string) => `security_opt: ${option} turns off the container's confinement`,
    dockerSocket: (source: string) => `volumes: ${source} mounts the Docker socket: the container could control Docker itself`,
    outsideBind: (source: string) => `volumes: ${source} mounts a host folder outside the submission`,
    buildOutside: (context: string) => `build: ${context} is outside the submission folder`,
    buildRemote: (context: string) => `build: ${context} builds from a remote source; build from a folder of the submission`,
  },
}
