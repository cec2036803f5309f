import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { composeKeyTables, MAX_NETWORKS, MAX_PORTS_PER_SERVICE, MAX_SERVICES } from './compose-keys.js'
import type { KeyTable, Verdict } from './compose-walk.js'

/** Where the page is written, from the project's root. */
export const COMPOSE_KEYS_DOC = 'docs/compose-keys.md'
export const WRITE_COMMAND = 'npx tsx core/analysis/compose-keys-doc.ts'

const VERDICTS: Record<Verdict, string> = { accepted: '✅ accepted', neutralised: '🔧 neutralised', refused: '⛔ refused' }

function table(keys: KeyTable): string {
  const rows = Object.entries(keys).map(([key, rule]) => `| \`${key}\` | ${VERDICTS[rule.verdict]} | ${rule.reason} |`)
  return ['| key | verdict | why |', '|---|---|---|', ...rows].join('\n')
}

/** docs/compose-keys.md: every table of the policy (core/analysis/compose-keys.ts), key by key, with its verdict and reason. */
export function composeKeysDoc(): string {
  const all = Object.values(composeKeyTables).flatMap((keys) => Object.values(keys))
  const count = (verdict: Verdict) => all.filter((rule) => rule.verdict === verdict).length
  return [
    '# Compose keys: what the grader runs',
    '',
    `<!-- Generated from the table of core/analysis/compose-keys.ts by \`${WRITE_COMMAND}\`: edit the tables, not this page (a test fails when it is out of date). -->`,
    '',
    'The grader runs a student\'s Compose project on its own machine. Each key the Compose specification defines is judged by',
    'what it can do on that machine — not by whether the lab needs it:',
    '',
    '- ✅ **accepted**: run as written. Some are accepted for some values only (the reason says which): `platform` must be the',
    '  engine\'s own platform (`linux/amd64` on most graders; `linux/x86_64`, `amd64` or `linux` name it too), a bind must be a',
    '  folder of the submission, `network_mode` must be `none` or a service of the project…',
    '- 🔧 **neutralised**: kept, but bounded or rewritten by the grader (`graderComposeConfig` in `core/lab/compose-config.ts`):',
    '  the grader\'s limits replace the student\'s, ports are published on ephemeral ports, names become the run\'s.',
    '- ⛔ **refused**: what reaches the machine or another container (host namespaces, capabilities, devices, security',
    '  options, files outside the submission…). One refused key or value and nothing of the project runs: `ex5.compose-valid`',
    '  fails naming the service, the key and why, and the Compose checks that need the project are `blocked`.',
    '',
    'A key the grader does not know (misspelt, or added by a newer Compose) is refused until someone classifies it:',
    '`core/analysis/compose-schema.test.ts` walks the specification\'s schema (`test/compose-spec/`) and fails on a key nobody',
    `classified. A project has at most ${MAX_SERVICES} services, ${MAX_NETWORKS} networks and ${MAX_PORTS_PER_SERVICE} published ports a service. The file is checked as`,
    'written (what Compose reads while loading it: `include`, `extends.file`, `env_file`, `label_file`) and again as',
    '`docker compose config` normalises it.',
    '',
    `${all.length} keys: ${count('accepted')} accepted, ${count('neutralised')} neutralised, ${count('refused')} refused.`,
    '',
    ...Object.entries(composeKeyTables).flatMap(([part, keys]) => [`## ${part[0]!.toUpperCase()}${part.slice(1)}`, '', table(keys), '']),
  ].join('\n')
}

// Run as a script: writes the page.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(new URL(`../../${COMPOSE_KEYS_DOC}`, import.meta.url), composeKeysDoc())
  console.log(`wrote ${COMPOSE_KEYS_DOC}`)
}
