import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { neutralizeFormula, renderCsv } from './csv-cells.js'

describe('CSV cells', () => {
  it('a cell starting like a formula is shown as text: a leading apostrophe', () => {
    for (const formula of ['=1+1', '+33 6 12', '-2+3', '@SUM(A1)', '\t=1', '\r=1', `=HYPERLINK("http://evil","click")`]) expect(neutralizeFormula(formula), formula).toBe(`'${formula}`)
    for (const plain of ['alice', '15.5', 'a=b', 'Martin, Alice', '', "'quoted"]) expect(neutralizeFormula(plain), plain).toBe(plain)
  })

  it('renders RFC 4180 CSV that reads back, with the byte-order mark on request', () => {
    const csv = renderCsv([['a', 'b'], ['Martin, "Al"', '=1']], { bom: true })
    expect(csv.startsWith('\uFEFFa,b\n')).toBe(true)
    expect(parse(csv, { bom: true })).toEqual([['a', 'b'], ['Martin, "Al"', "'=1"]])
  })
})
