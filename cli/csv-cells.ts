import { stringify } from 'csv-stringify/sync'

/**
 * A cell that a spreadsheet would run as a formula — one starting with =, +, -, @, a tab or a carriage return
 * (OWASP's "CSV injection") — gets a leading apostrophe: Excel, LibreOffice and Google Sheets then show it as text.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

export const needsNeutralizing = (cell: string) => neutralizeFormula(cell) !== cell

/** RFC 4180 CSV (quoted where needed) with every cell neutralized; `bom` starts it with UTF-8's byte-order mark. */
export function renderCsv(rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  return `${options.bom ? '\uFEFF' : ''}${stringify(rows.map((row) => row.map(neutralizeFormula)))}`
}
