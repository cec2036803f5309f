import { stringify } from 'csv-stringify/sync'
import { csvCell, startsLikeFormula } from '../grading/inert-text.js'

/** A cell as the CSV holds it: a formula shown as text, controls shown (see csvCell). */
export const neutralizeFormula = csvCell

export const needsNeutralizing = startsLikeFormula

/** RFC 4180 CSV (quoted where needed) with every cell neutralized; `bom` starts it with UTF-8's byte-order mark. */
export function renderCsv(rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  return `${options.bom ? '\uFEFF' : ''}${stringify(rows.map((row) => row.map(csvCell)))}`
}
