import { Copy, DockerfileParser, From } from 'dockerfile-ast'
import type { Instruction } from 'dockerfile-ast'

/**
 * The Dockerfile a build of `target` needs: the stages the target is built from (`FROM <stage>`) or copies from
 * (`COPY --from=<stage>`, by name or index), and nothing else. BuildKit (Compose's builder) builds only those; the
 * classic builder of Docker's build API, which the grader uses for its limits, builds every stage before the target
 * in file order, so a failing stage the target never uses (a `tests` stage) would fail the build. The stages left
 * out become empty lines, so every line the builder names is the line of the student's file; stage indices in
 * `--from=` are renumbered.
 *
 * Undefined when there is nothing to leave out, or when the file does not say for certain which stages the target
 * needs (a reference through a variable, `RUN --mount=from=`, a target no stage is named): the file is then built as
 * it is, the classic builder's behaviour.
 */
export function stagesForTarget(text: string, target: string): string | undefined {
  const instructions = DockerfileParser.parse(text).getInstructions()
  const lines = text.split('\n')
  const source = (instruction: Instruction) => {
    const { start, end } = instruction.getRange()
    return lines.slice(start.line, end.line + 1).join('\n')
  }
  const stages: Instruction[][] = []
  for (const instruction of instructions) {
    if (instruction instanceof From || instruction.getKeyword() === 'FROM') stages.push([instruction])
    else stages[stages.length - 1]?.push(instruction)
  }
  const names = stages.map((stage) => (stage[0] as From).getBuildStage()?.toLowerCase())
  const wanted = names.lastIndexOf(target.toLowerCase())
  if (wanted < 0) return undefined

  // A stage's references to earlier stages; undefined when one cannot be read without evaluating the build.
  const referencesOf = (index: number): number[] | undefined => {
    const stage = stages[index]!
    const found: number[] = []
    const byName = (reference: string): number | undefined => {
      const position = names.slice(0, index).lastIndexOf(reference.toLowerCase())
      return position < 0 ? undefined : position
    }
    const image = (stage[0] as From).getImageName() ?? ''
    if (image.includes('$')) return undefined
    const base = byName(image)
    if (base !== undefined) found.push(base)
    for (const instruction of stage.slice(1)) {
      if (/--mount[= ][^\n]*\bfrom=/i.test(source(instruction))) return undefined
      if (!(instruction instanceof Copy)) continue
      const from = instruction.getFromFlag()?.getValue()
      if (from === undefined || from === null) continue
      if (from.includes('$')) return undefined
      if (/^\d+$/.test(from)) {
        const position = Number(from)
        if (position < index) found.push(position)
        continue
      }
      const named = byName(from)
      if (named !== undefined) found.push(named)
    }
    return found
  }

  const needed = new Set<number>()
  const pending = [wanted]
  while (pending.length) {
    const index = pending.pop()!
    if (needed.has(index)) continue
    needed.add(index)
    const references = referencesOf(index)
    if (!references) return undefined
    pending.push(...references)
  }
  if (needed.size === stages.length) return undefined

  const kept = [...needed].sort((a, b) => a - b)
  const renumbered = new Map(kept.map((old, position) => [old, position]))
  // Numeric --from values of kept stages first (the lines are still those of the student's file), last to first.
  const edits: { line: number; start: number; end: number; value: string }[] = []
  for (const index of kept) {
    for (const instruction of stages[index]!.slice(1)) {
      if (!(instruction instanceof Copy)) continue
      const flag = instruction.getFromFlag()
      const value = flag?.getValue()
      const range = flag?.getValueRange()
      if (!value || !range || !/^\d+$/.test(value) || range.start.line !== range.end.line) continue
      edits.push({ line: range.start.line, start: range.start.character, end: range.end.character, value: String(renumbered.get(Number(value))) })
    }
  }
  for (const edit of edits.sort((a, b) => b.line - a.line || b.start - a.start)) {
    const line = lines[edit.line]!
    lines[edit.line] = line.slice(0, edit.start) + edit.value + line.slice(edit.end)
  }
  stages.forEach((stage, index) => {
    if (needed.has(index)) return
    const first = stage[0]!.getRange().start.line
    const next = stages[index + 1]?.[0]!.getRange().start.line ?? lines.length
    for (let line = first; line < next; line++) lines[line] = ''
  })
  return lines.join('\n')
}
