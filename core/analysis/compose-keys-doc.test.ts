import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COMPOSE_KEYS_DOC, composeKeysDoc, WRITE_COMMAND } from './compose-keys-doc.js'
import { composeKeyTables } from './compose-keys.js'

const page = new URL(`../../${COMPOSE_KEYS_DOC}`, import.meta.url)

describe(COMPOSE_KEYS_DOC, () => {
  it(`is the policy's tables as they are now (else run ${WRITE_COMMAND})`, () => {
    expect(existsSync(page), `${COMPOSE_KEYS_DOC} is missing: run ${WRITE_COMMAND}`).toBe(true)
    expect(readFileSync(page, 'utf8') === composeKeysDoc(), `${COMPOSE_KEYS_DOC} is out of date: run ${WRITE_COMMAND}`).toBe(true)
  })

  it('shows every key of every table, with its verdict and reason', () => {
    const doc = composeKeysDoc()
    for (const keys of Object.values(composeKeyTables))
      for (const [key, rule] of Object.entries(keys)) expect(doc).toContain(`| \`${key}\` | ${rule.verdict === 'accepted' ? '✅ accepted' : rule.verdict === 'neutralised' ? '🔧 neutralised' : '⛔ refused'} | ${rule.reason} |`)
  })
})
