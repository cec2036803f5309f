import type { QuotedLine, YamlProblem } from '../../analysis/compose-file.js'
import type { PolicyReason, PolicyReasons } from '../../analysis/compose-walk.js'
import type { Finding } from '../../grading/finding.js'

const TAB_ADVICE = 'YAML forbids tabs for indentation; indent with spaces (2 per level); in your editor convert indentation to spaces'

/** One line of the student's Compose file, quoted. */
const quote = (q: QuotedLine) => `line ${q.line}: ${q.text}`

/** Why a Compose file is not YAML (analysis/compose-file.ts), and how to fix it. */
function yaml(file: string, problem: YamlProblem): Finding {
  if (problem.kind === 'unreadable')
    return { message: `${file} is not valid YAML: ${problem.reason}`, expected: 'valid YAML', seen: problem.reason, fix: 'Check every alias (*name) refers to an anchor (&name) defined above it.' }
  if (problem.kind === 'tab') {
    const { line, tabLines, quoted } = problem
    return {
      message: `${file} line ${line} is indented with a tab${tabLines > 1 ? ` (${tabLines} lines start with a tab)` : ''}: ${TAB_ADVICE}.`,
      expected: 'indentation made of spaces only',
      seen: `${quote({ ...quoted, text: quoted.text.replace(/\t/g, '→') })} (→ marks a tab)`,
      fix: `${TAB_ADVICE} (VS Code: "Convert Indentation to Spaces" in the command palette).`,
    }
  }
  const alsoTab = problem.tabLine === undefined ? '' : ` Also, line ${problem.tabLine} is indented with a tab: ${TAB_ADVICE}.`
  const seen = problem.quoted.map(quote).join('\n')
  if (problem.kind === 'duplicate') {
    const { key, line, earlier } = problem
    return {
      message: `${file}: the key ${key ?? '(see line)'} appears twice in the same block (${earlier ? `lines ${earlier} and ${line}` : `line ${line}`}); YAML keys must be unique`,
      expected: 'valid YAML',
      seen,
      fix: `Keep a single entry: merge the two blocks into one, or rename the second one if it is meant to be something else (for example another service).${alsoTab}`,
    }
  }
  const { line, column, yamlSays } = problem
  const fix = {
    indent: `Check line ${line} and the line above it: keys at the same level must start in the same column (2 spaces per level), and every key needs a colon and a space after it (key: value).`,
    'missing-char': `Close the quote or bracket opened on line ${line} (or just before it).`,
    'multiple-docs': 'Keep a single document: remove the --- separator and merge the content.',
    'bad-escape': `Inside "double quotes" a backslash starts an escape; use 'single quotes' on line ${line} instead.`,
    other: `Fix line ${line} (or the line just before it); an online YAML validator shows the structure as YAML reads it.`,
  }[problem.cause]
  return { message: `${file} is not valid YAML at line ${line}, column ${column}: ${yamlSays}`, expected: 'valid YAML', seen, fix: fix + alsoTab }
}

/** Why the grader refuses a setting (analysis/compose-keys.ts); `key` is the setting's path, e.g. build.secrets. */
const policy = {
  privileged: () => 'privileged: true gives the container full control of the host',
  capAdd: (capabilities: readonly string[]) => `cap_add: ${capabilities.join(', ')} gives the container extra kernel powers`,
  hostNamespace: (key: string, namespace: string) => `${key}: host shares the host's ${namespace} namespace with the container`,
  devices: (key: string) => `${key}: gives the container direct access to devices of the host`,
  unconfined: (option: string) => `security_opt: ${option} turns off the container's confinement`,
  confinement: (option: string) => `security_opt: ${option} changes the container's confinement (only no-new-privileges is accepted)`,
  machinePower: (key: string) => `${key}: changes how the host itself runs the container (kernel settings, priorities, resources), which a submission may not do`,
  dockerSocket: (source: string) => `volumes: ${source} mounts the Docker socket: the container could control Docker itself`,
  outsideBind: (source: string) => `volumes: ${source} mounts a host folder outside the submission`,
  buildOutside: (context: string) => `build: ${context} is outside the submission folder`,
  buildRemote: (context: string) => `build: ${context} builds from a remote source; build from a folder of the submission`,
  hostFile: (key: string, file: string) => `${key}: ${file} is outside the submission; only files of the submission are used`,
  variablePath: (key: string, file: string) => `${key}: ${file} depends on a variable; write the path itself, inside the submission`,
  linkOutside: (file: string) => `${file} is a link to a file outside the submission`,
  oneFile: (key: string) => `${key}: brings in another Compose file; only the submission's own Compose file is run`,
  otherContainer: (key: string, value: string) => `${key}: ${value} uses a container or a network that is not part of this project`,
  external: (key: string) => `${key}: external: true uses something that already exists on the host, outside the project; let Compose create it`,
  hostEnvironment: (key: string, variable: string) => `${key}: ${variable} would take its value from the environment of the host that grades`,
  graderLabel: (key: string, label: string) => `${key}: ${label} is a label that the grader or Compose sets itself, to find what a run created`,
  driverOptions: (key: string) => `${key}: driver options can turn a volume or a network into a folder, a device or a network of the host`,
  driver: (key: string, driver: string) => `${key}: ${driver} is not Docker's own driver; another driver is a plugin or a network of the host, which could reach its folders, devices or network`,
  propagation: (key: string, value: string) => `${key}: ${value} would let mounts made in the container reach the host`,
  mountType: (key: string, type: string) => `${key}: a mount of type ${type}; the lab uses only volumes and folders of the submission`,
  buildInputs: (key: string) => `${key}: gives the build files, secrets or keys from outside its context folder; build from the context only`,
  imageTags: (key: string) => `${key}: gives the image more names, which could replace images of the host`,
  buildNetwork: (key: string) => `${key}: host runs the build's commands on the network of the host that grades, where they reach its own services; remove it (the build has a network of its own)`,
  addresses: (key: string) => `${key}: chooses the network's addresses, which could overlap the networks of the host that grades and cut it off from them; remove it and let Docker choose`,
  hostCredential: (key: string) => `${key}: uses a credential of the host that grades`,
  unknown: (key: string) => `${key}: is not a Compose setting the grader knows (check its spelling); it accepts only settings it knows to be harmless`,
  tooManyPorts: (count: number, max: number) => `ports: ${count} published ports, at most ${max} (each one is a process on the host)`,
  platform: (key: string, platform: string, engine: string) =>
    `${key}: ${platform} is not the platform of the machine that grades (${engine}): Compose would pull another variant of the images under the same names, replacing the machine's for every later run, and its programs could not run here; remove ${key} (Docker then uses the machine's own platform) or write ${engine}`,
  tooManyNetworks: (count: number, max: number) => `networks: ${count} networks, at most ${max} (each one takes one of the host's few address ranges)`,
  tooManyServices: (count: number, max: number) => `services: ${count} services, at most ${max} (the lab has two)`,
} satisfies { [K in keyof PolicyReasons]: (...args: PolicyReasons[K]) => string }


/** Messages of the Compose file checks: its YAML (analysis/compose-file.ts) and what the grader refuses to run (analysis/compose-policy.ts). */
export const compose = {
  yaml,
  policy,
  /** What a refused setting's reason says. */
  refusal: (why: PolicyReason): string => (policy[why.kind] as (...args: unknown[]) => string)(...why.args),
}
