import { describe, it, expect } from 'vitest'
import { labRun } from '../../../core/run/index.js'
import { lab } from '../lab.js'
import { checkDockerfile, finalStageCmdLines, findInstructionLine } from './dockerfile-rules.js'
import type { DockerfileItemId } from './dockerfile-rules.js'

const expected = { baseImage: { repository: 'python', pythonMajor: 3, example: 'python:3.11-slim' }, appFile: 'app.py', pipPackages: ['fastapi', 'uvicorn'], appModule: 'app:app', host: '0.0.0.0', port: 8000, stopGraceSeconds: 10 }

const reference = `FROM python:3.13-slim
WORKDIR /app 
COPY app.py . 
RUN pip install fastapi uvicorn 
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
`
const EXEC = 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]'

const words = labRun(lab).messages.dockerfile
const check = (text: string, files?: Record<string, string>) => checkDockerfile(text, expected, words, files)
const itemOf = (text: string, id: DockerfileItemId, files?: Record<string, string>) => check(text, files).find((i) => i.id === id)!
const swap = (from: string, to: string) => reference.replace(from, to)

describe('checkDockerfile', () => {
  it('passes every rule on the reference, with lines', () => {
    expect(check(reference)).toEqual([
      { id: 'from', passed: true, line: 1 },
      { id: 'workdir', passed: true, line: 2 },
      { id: 'copy', passed: true, line: 3 },
      { id: 'pip', passed: true, line: 4 },
      { id: 'cmd', passed: true, line: 5 },
    ])
  })

  describe('from', () => {
    it.each([
      'docker.io/library/python:3.13-slim', 'python:3.13-slim@sha256:0123abcd', 'python:3.13.5-slim', 'PYTHON:3.13-slim AS final',
      'python:3.11-slim', 'python:3.10-slim', 'python:3.9-slim', 'python:3.9', 'python:3.12-alpine', 'python:3.11-slim-bookworm',
      'python:3', 'library/python:3.12', '--platform=linux/amd64 python:3.11-slim',
    ])('accepts FROM %s: the statement leaves the Python image to the student', (image) => {
      expect(itemOf(swap('python:3.13-slim', image), 'from')).toMatchObject({ passed: true, line: 1 })
    })
    it('accepts a tag built from a global ARG', () => {
      expect(itemOf(`ARG PY=3.11\n${swap('python:3.13-slim', 'python:${PY}-slim')}`, 'from')).toMatchObject({ passed: true, line: 2 })
    })
    it('uses the final stage, following stage aliases', () => {
      const multi = `FROM python:3.12 AS build\nRUN echo hi\nFROM python:3.13-slim AS base\nFROM base\n${reference.split('\n').slice(1).join('\n')}`
      expect(itemOf(multi, 'from')).toMatchObject({ passed: true, line: 3 })
    })
    it.each(['python', 'python:latest', 'python:slim'])('accepts FROM %s, with a tip to name a version', (image) => {
      const item = itemOf(swap('python:3.13-slim', image), 'from')
      expect(item.passed).toBe(true)
      expect(item.feedback?.fix).toContain('FROM python:3.11-slim')
    })
    it('fails Python 2, naming the version', () => {
      const item = itemOf(swap('python:3.13-slim', 'python:2.7-slim'), 'from')
      expect(item).toMatchObject({ passed: false, line: 1 })
      expect(item.feedback?.seen).toBe('line 1: FROM python:2.7-slim')
      expect(item.feedback?.fix).toContain('2.7-slim is not a Python 3 image')
    })
    it.each(['ubuntu:24.04', 'tiangolo/uvicorn-gunicorn-fastapi:python3.11', 'ghcr.io/astral-sh/uv:python3.12-bookworm-slim', 'continuumio/miniconda3'])('fails FROM %s, another image than the official Python one', (image) => {
      const item = itemOf(swap('python:3.13-slim', image), 'from')
      expect(item.passed).toBe(false)
      expect(item.feedback?.fix).toContain('official Python image')
    })
  })

  describe('workdir', () => {
    it.each(['WORKDIR /app/', 'WORKDIR /api', 'WORKDIR /code', 'WORKDIR /usr/src/app'])('accepts %s: the working directory is the student\'s choice', (line) => {
      expect(itemOf(swap('WORKDIR /app ', line), 'workdir')).toMatchObject({ passed: true, line: 2 })
    })
    it('fails without WORKDIR', () => {
      const item = itemOf(swap('WORKDIR /app \n', ''), 'workdir')
      expect(item.passed).toBe(false)
      expect(item.feedback?.seen).toContain('no WORKDIR')
      expect(item.feedback?.fix).toContain('WORKDIR /app')
    })
    it("fails on the statement's blank, WORKDIR ____, and says it is one", () => {
      const item = itemOf(swap('WORKDIR /app ', 'WORKDIR ____'), 'workdir')
      expect(item).toMatchObject({ passed: false, line: 2 })
      expect(item.feedback?.seen).toContain("WORKDIR ____: the statement's blank")
    })
    it('follows a pinned working directory when the rubric sets one', () => {
      const pinned = (text: string) => checkDockerfile(text, { ...expected, workdir: '/app' }, words).find((i) => i.id === 'workdir')!
      expect(pinned(reference).passed).toBe(true)
      const item = pinned(swap('RUN pip', 'WORKDIR /srv\nRUN pip'))
      expect(item).toMatchObject({ passed: false, line: 4 })
      expect(item.feedback?.seen).toContain('runs in /srv')
    })
  })

  describe('copy', () => {
    it.each(['COPY . .', 'COPY ./ /app/', 'COPY app.py /app', 'COPY app.py /app/', 'COPY app.py /app/app.py', 'COPY app.py ./', 'COPY ["app.py", "."]', 'COPY --chown=1000:1000 *.py .'])('accepts %s', (line) => {
      expect(itemOf(swap('COPY app.py . ', line), 'copy')).toMatchObject({ passed: true, line: 3 })
    })
    it('checks that app.py lands in the working directory the student chose', () => {
      const api = swap('WORKDIR /app ', 'WORKDIR /api')
      expect(itemOf(api, 'copy').passed).toBe(true)
      expect(itemOf(api.replace('COPY app.py . ', 'COPY app.py /api/app.py'), 'copy').passed).toBe(true)
      const elsewhere = itemOf(api.replace('COPY app.py . ', 'COPY app.py /app/'), 'copy')
      expect(elsewhere.passed).toBe(false)
      expect(elsewhere.feedback?.seen).toContain('puts app.py at /app/app.py')
    })
    it('keeps the skeleton\'s TODO comments out of the way', () => {
      const commented = reference.split('\n').map((line) => (line ? `# TODO: complete the next line\n${line}` : line)).join('\n')
      expect(check(commented).every((i) => i.passed)).toBe(true)
    })
    it('passes ADD with a hint to prefer COPY', () => {
      const item = itemOf(swap('COPY app.py . ', 'ADD app.py .'), 'copy')
      expect(item.passed).toBe(true)
      expect(item.feedback?.fix).toContain('COPY is preferred')
    })
    it('fails a COPY before WORKDIR, saying where the file lands', () => {
      const item = itemOf('FROM python:3.13-slim\nCOPY app.py .\nWORKDIR /app\n' + EXEC + '\n', 'copy')
      expect(item).toMatchObject({ passed: false, line: 2 })
      expect(item.feedback?.seen).toContain('puts app.py at /app.py')
      expect(item.feedback?.fix).toContain('Move WORKDIR /app above the COPY')
    })
    it('fails when app.py is not copied or there is no COPY', () => {
      expect(itemOf(swap('COPY app.py . ', 'COPY main.py .'), 'copy').feedback?.seen).toContain('none of these copies app.py')
      expect(itemOf(swap('COPY app.py . \n', ''), 'copy').feedback?.seen).toContain('no COPY instruction')
    })
  })

  describe('pip', () => {
    it.each([
      'RUN pip install --no-cache-dir fastapi==0.115.0 "uvicorn[standard]"',
      'RUN pip3 install -U fastapi uvicorn',
      'RUN python -m pip install fastapi uvicorn',
      'RUN apt-get update && pip install \\\n    fastapi \\\n    uvicorn && rm -rf /root/.cache',
      'RUN ["pip", "install", "fastapi", "uvicorn"]',
      'RUN pip install "fastapi[standard]"',
    ])('accepts %s', (line) => {
      expect(itemOf(swap('RUN pip install fastapi uvicorn ', line), 'pip')).toMatchObject({ passed: true, line: 4 })
    })
    it('fails without any pip install', () => {
      const item = itemOf(swap('RUN pip install fastapi uvicorn \n', ''), 'pip')
      expect(item.passed).toBe(false)
      expect(item.feedback?.seen).toBe('no RUN pip install instruction')
      expect(item.feedback?.fix).toContain('executable file not found')
    })
    it('fails pip install fastapi only, naming uvicorn', () => {
      const item = itemOf(swap('fastapi uvicorn', 'fastapi'), 'pip')
      expect(item).toMatchObject({ passed: false, line: 4 })
      expect(item.feedback?.seen).toBe('line 4: RUN pip install fastapi')
      expect(item.feedback?.fix).toMatch(/^uvicorn is not installed/)
    })
    it('reads -r requirements.txt from the given files', () => {
      const text = swap('RUN pip install fastapi uvicorn ', 'COPY requirements.txt .\nRUN pip install -r requirements.txt')
      expect(itemOf(text, 'pip', { 'requirements.txt': '# deps\nfastapi>=0.110\nuvicorn[standard]==0.30.0 ; python_version>"3.8"\n' }).passed).toBe(true)
      expect(itemOf(text, 'pip', { 'requirements.txt': 'fastapi\n' }).feedback?.fix).toMatch(/^uvicorn is not installed/)
      expect(itemOf(text, 'pip').feedback?.fix).toContain('requirements.txt, which is not in your submission')
    })
  })

  describe('cmd', () => {
    it.each([
      'CMD ["uvicorn", "app:app", "--host=0.0.0.0", "--port=8000"]',
      'CMD ["python", "-m", "uvicorn", "app:app", "--port", "8000", "--host", "0.0.0.0"]',
      'CMD [ "uvicorn" , "app:app" , "--host" , "0.0.0.0" ]',
    ])('accepts %s', (line) => {
      expect(itemOf(swap(EXEC, line), 'cmd').passed).toBe(true)
    })
    it.each([
      'ENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--host", "0.0.0.0", "--port", "8000"]',
      'ENTRYPOINT ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
    ])('fails %s: the statement asks for CMD, and the choice is judged here only', (line) => {
      const item = itemOf(swap(EXEC, line), 'cmd')
      expect(item.passed).toBe(false)
      expect(item.feedback?.fix).toContain('ENTRYPOINT')
      expect(item.feedback?.fix).toContain(EXEC)
    })
    it('fails shell form, explaining PID 1 and SIGTERM, with the exec-form fix', () => {
      const item = itemOf(swap(EXEC, 'CMD uvicorn app:app --host 0.0.0.0 --port 8000'), 'cmd')
      expect(item).toMatchObject({ passed: false, line: 5 })
      expect(item.feedback?.seen).toBe('line 5: CMD uvicorn app:app --host 0.0.0.0 --port 8000')
      expect(item.feedback?.fix).toContain('PID 1')
      expect(item.feedback?.fix).toContain('SIGTERM')
      expect(item.feedback?.fix).toContain('137')
      expect(item.feedback?.fix).toContain(EXEC)
    })
    it('fails single-quoted JSON as not exec form', () => {
      const item = itemOf(swap(EXEC, EXEC.replaceAll('"', "'")), 'cmd')
      expect(item.passed).toBe(false)
      expect(item.feedback?.fix).toContain('single quotes')
    })
    it('fails a missing or local-only host', () => {
      expect(itemOf(swap(', "--host", "0.0.0.0"', ''), 'cmd').feedback?.fix).toContain('default 127.0.0.1')
      expect(itemOf(swap('"0.0.0.0"', '"127.0.0.1"'), 'cmd').feedback?.fix).toContain('--host is 127.0.0.1')
    })
    it('fails --port 8080, naming the port', () => {
      const item = itemOf(swap('"8000"]', '"8080"]'), 'cmd')
      expect(item.passed).toBe(false)
      expect(item.feedback?.fix).toContain('listens on port 8080')
    })
    it('fails a wrong module appi:app', () => {
      const item = itemOf(swap('"app:app"', '"appi:app"'), 'cmd')
      expect(item.passed).toBe(false)
      expect(item.feedback?.fix).toContain('Could not import module "appi"')
    })
    it('fails a wrong attribute, -p, a missing CMD and a non-uvicorn command', () => {
      expect(itemOf(swap('"app:app"', '"app:application"'), 'cmd').feedback?.fix).toContain('called app')
      expect(itemOf(swap('"--port", "8000"', '"-p", "8000"'), 'cmd').feedback?.fix).toContain('no option -p')
      expect(itemOf(swap(EXEC, ''), 'cmd').feedback?.seen).toBe('no CMD instruction')
      expect(itemOf(swap(EXEC, 'CMD ["python", "app.py"]'), 'cmd').feedback?.fix).toContain('uvicorn directly')
    })
  })
})

describe('findInstructionLine', () => {
  it('finds the last instruction of a keyword, case-insensitively', () => {
    expect(findInstructionLine(`${reference}CMD ["x"]\n`, 'cmd')).toBe(6)
    expect(findInstructionLine(reference, 'WORKDIR')).toBe(2)
    expect(findInstructionLine(reference, 'EXPOSE')).toBeUndefined()
  })
})

describe('finalStageCmdLines', () => {
  it('gives every CMD of the image\'s own stage, by line', () => {
    expect(finalStageCmdLines(reference)).toEqual([5])
    expect(finalStageCmdLines(`${reference}CMD ["python", "app.py"]\n`)).toEqual([5, 6])
  })

  it('leaves out the CMD of a build stage: it is not the image\'s', () => {
    const multiStage = `FROM python:3.13-slim AS build\nCMD ["true"]\n\n${reference}`
    expect(finalStageCmdLines(multiStage)).toEqual([8])
  })

  it('finds none in a file without CMD, or without FROM', () => {
    expect(finalStageCmdLines('FROM python:3.13-slim\nWORKDIR /app\n')).toEqual([])
    expect(finalStageCmdLines('')).toEqual([])
  })
})
