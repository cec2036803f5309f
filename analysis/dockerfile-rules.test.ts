import { describe, it, expect } from 'vitest'
import { checkDockerfile, findInstructionLine } from './dockerfile-rules.js'
import type { DockerfileItemId } from './dockerfile-rules.js'

const expected = { baseImage: 'python:3.13-slim', workdir: '/app', appFile: 'app.py', pipPackages: ['fastapi', 'uvicorn'], appModule: 'app:app', host: '0.0.0.0', port: 8000 }

const reference = `FROM python:3.13-slim
WORKDIR /app 
COPY app.py . 
RUN pip install fastapi uvicorn 
CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]
`
const EXEC = 'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]'

const check = (text: string, files?: Record<string, string>) => checkDockerfile(text, expected, files)
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
    it.each(['docker.io/library/python:3.13-slim', 'python:3.13-slim@sha256:0123abcd', 'python:3.13.5-slim', 'PYTHON:3.13-slim AS final'])('accepts FROM %s', (image) => {
      expect(itemOf(swap('python:3.13-slim', image), 'from').passed).toBe(true)
    })
    it('accepts a tag built from a global ARG', () => {
      expect(itemOf(`ARG PY=3.13\n${swap('python:3.13-slim', 'python:${PY}-slim')}`, 'from')).toMatchObject({ passed: true, line: 2 })
    })
    it('uses the final stage, following stage aliases', () => {
      const multi = `FROM python:3.12 AS build\nRUN echo hi\nFROM python:3.13-slim AS base\nFROM base\n${reference.split('\n').slice(1).join('\n')}`
      expect(itemOf(multi, 'from')).toMatchObject({ passed: true, line: 3 })
    })
    it('fails FROM python:3.12-slim with the version in the feedback', () => {
      const item = itemOf(swap('python:3.13-slim', 'python:3.12-slim'), 'from')
      expect(item).toMatchObject({ passed: false, line: 1 })
      expect(item.feedback?.seen).toBe('line 1: FROM python:3.12-slim')
      expect(item.feedback?.fix).toContain('3.12-slim is not 3.13-slim')
    })
    it('fails FROM python (no tag) explaining latest', () => {
      const item = itemOf(swap('python:3.13-slim', 'python'), 'from')
      expect(item.passed).toBe(false)
      expect(item.feedback?.fix).toContain('python:latest')
    })
    it('fails the full image python:3.13 and another image', () => {
      expect(itemOf(swap('python:3.13-slim', 'python:3.13'), 'from').passed).toBe(false)
      expect(itemOf(swap('python:3.13-slim', 'ubuntu:24.04'), 'from').feedback?.fix).toContain('official Python image')
    })
  })

  describe('workdir', () => {
    it('accepts a trailing slash', () => {
      expect(itemOf(swap('WORKDIR /app ', 'WORKDIR /app/'), 'workdir').passed).toBe(true)
    })
    it('fails without WORKDIR', () => {
      const item = itemOf(swap('WORKDIR /app \n', ''), 'workdir')
      expect(item.passed).toBe(false)
      expect(item.feedback?.seen).toContain('no WORKDIR')
    })
    it('fails when a later WORKDIR changes the directory before CMD', () => {
      const item = itemOf(swap('RUN pip', 'WORKDIR /srv\nRUN pip'), 'workdir')
      expect(item).toMatchObject({ passed: false, line: 4 })
      expect(item.feedback?.seen).toContain('runs in /srv')
    })
  })

  describe('copy', () => {
    it.each(['COPY . .', 'COPY ./ /app/', 'COPY app.py /app', 'COPY app.py ./', 'COPY ["app.py", "."]', 'COPY --chown=1000:1000 *.py .'])('accepts %s', (line) => {
      expect(itemOf(swap('COPY app.py . ', line), 'copy')).toMatchObject({ passed: true, line: 3 })
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
      'ENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--host", "0.0.0.0", "--port", "8000"]',
      'ENTRYPOINT ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
    ])('accepts %s', (line) => {
      expect(itemOf(swap(EXEC, line), 'cmd').passed).toBe(true)
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
