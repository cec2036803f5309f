import { describe, expect, it } from 'vitest'
import { stagesForTarget } from './dockerfile-stages.js'

const multiStage = `# syntax=docker/dockerfile:1
ARG PYTHON_TAG=3.13-slim
FROM python:\${PYTHON_TAG} AS base
WORKDIR /app

FROM base AS tests
RUN exit 1

FROM base AS runtime
COPY app.py .
CMD ["uvicorn", "app:app"]

FROM runtime AS debug
RUN exit 2
`

describe('stagesForTarget', () => {
  it('leaves out the stages the target does not need, before and after it, line for line', () => {
    const pruned = stagesForTarget(multiStage, 'runtime')!
    const lines = pruned.split('\n')
    expect(lines).toHaveLength(multiStage.split('\n').length)
    expect(pruned).not.toContain('exit 1')
    expect(pruned).not.toContain('exit 2')
    expect(lines[2]).toBe('FROM python:${PYTHON_TAG} AS base')
    expect(lines[8]).toBe('FROM base AS runtime')
    expect(lines[0]).toBe('# syntax=docker/dockerfile:1')
    expect(lines[1]).toBe('ARG PYTHON_TAG=3.13-slim')
  })

  it('keeps a stage the target copies from, by name, case aside', () => {
    const text = 'FROM alpine AS Build\nRUN echo built > /out\nFROM alpine AS lint\nRUN exit 1\nFROM alpine AS final\nCOPY --from=build /out /out\n'
    const pruned = stagesForTarget(text, 'FINAL')!
    expect(pruned).toContain('RUN echo built')
    expect(pruned).not.toContain('exit 1')
  })

  it('renumbers a stage given by its index', () => {
    const text = 'FROM alpine\nRUN exit 1\nFROM alpine\nRUN echo built > /out\nFROM alpine AS final\nCOPY --from=1 /out /out\n'
    const pruned = stagesForTarget(text, 'final')!
    expect(pruned).not.toContain('exit 1')
    expect(pruned.split('\n')[5]).toBe('COPY --from=0 /out /out')
  })

  it('says nothing to leave out when the target needs every stage before it and is the last', () => {
    expect(stagesForTarget('FROM alpine AS base\nFROM base AS final\nRUN true\n', 'final')).toBeUndefined()
  })

  it('builds the file as it is when a reference cannot be read without the build (a variable, a mount) or the target is no stage', () => {
    expect(stagesForTarget('FROM alpine AS a\nFROM alpine AS b\nARG FROM_STAGE=a\nCOPY --from=$FROM_STAGE / /\n', 'b')).toBeUndefined()
    expect(stagesForTarget('FROM alpine AS a\nFROM alpine AS c\nFROM alpine AS b\nRUN --mount=type=bind,from=a,target=/x true\n', 'b')).toBeUndefined()
    expect(stagesForTarget('ARG BASE=a\nFROM alpine AS a\nFROM alpine AS c\nFROM $BASE AS b\n', 'b')).toBeUndefined()
    expect(stagesForTarget(multiStage, 'missing')).toBeUndefined()
  })

  it('does not take an image for a stage', () => {
    const pruned = stagesForTarget('FROM alpine AS tests\nRUN exit 1\nFROM python:3.13-slim AS final\nCOPY --from=nginx:latest /etc/nginx /x\n', 'final')!
    expect(pruned).not.toContain('exit 1')
  })
})
