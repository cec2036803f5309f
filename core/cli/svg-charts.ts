import type { CheckPassRate, ScoreBin } from './class-stats.js'
import { htmlText } from '../grading/inert-text.js'

const FONT = 'font-family="system-ui, sans-serif" font-size="12"'

export const escapeXml = htmlText

/** Red under half, amber under four in five, green above: what the class failed stands out. */
export function rateColor(rate: number | undefined): string {
  if (rate === undefined) return '#8c959f'
  return rate < 0.5 ? '#cf222e' : rate < 0.8 ? '#bf8700' : '#1a7f37'
}

/** Vertical bars: how many students scored in each bin. */
export function histogramSvg(bins: readonly ScoreBin[], title: string): string {
  const width = 640
  const height = 280
  const left = 40
  const bottom = 40
  const top = 36
  const plotHeight = height - top - bottom
  const slot = (width - left - 10) / Math.max(1, bins.length)
  const highest = Math.max(1, ...bins.map((b) => b.count))
  const bars = bins.map((bin, i) => {
    const h = (bin.count / highest) * plotHeight
    const x = left + i * slot + 4
    const y = top + plotHeight - h
    const label = `${bin.from}–${bin.to}`
    return [
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot - 8).toFixed(1)}" height="${h.toFixed(1)}" fill="#0969da"><title>${escapeXml(`${label}: ${bin.count} student${bin.count === 1 ? '' : 's'}`)}</title></rect>`,
      `<text x="${(x + (slot - 8) / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${bin.count}</text>`,
      `<text x="${(x + (slot - 8) / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escapeXml(label)}</text>`,
    ].join('')
  })
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<line x1="${left}" y1="${top + plotHeight}" x2="${width - 10}" y2="${top + plotHeight}" stroke="#57606a"/>`,
    ...bars,
    `<text x="${width / 2}" y="${height - 6}" text-anchor="middle" fill="#57606a">score</text>`,
    `</svg>`,
  ].join('\n')
}

/** Horizontal bars: the share of graded students who earned each check's full points. */
export function passRateSvg(rates: readonly CheckPassRate[], title: string): string {
  const width = 640
  const row = 20
  const top = 32
  const labelWidth = 150
  const barWidth = width - labelWidth - 60
  const height = top + rates.length * row + 10
  const rows = rates.map((r, i) => {
    const y = top + i * row
    const w = (r.rate ?? 0) * barWidth
    const percent = r.rate === undefined ? '—' : `${Math.round(r.rate * 100)} %`
    const tip = `${r.id}: ${r.title} — ${r.passed}/${r.graded} passed`
    return [
      `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${escapeXml(r.id)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="${row - 6}" fill="#eaeef2"/>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 6}" fill="${rateColor(r.rate)}"><title>${escapeXml(tip)}</title></rect>`,
      `<text x="${labelWidth + barWidth + 6}" y="${y + 14}">${percent}</text>`,
    ].join('')
  })
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="6" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...rows,
    `</svg>`,
  ].join('\n')
}
