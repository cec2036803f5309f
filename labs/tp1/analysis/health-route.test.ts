import { describe, it, expect } from 'vitest'
import { labRun } from '../../../core/run/index.js'
import { lab } from '../lab.js'
import { checkHealthRoute, findHealthRoute } from './health-route.js'

const options = { path: '/health', body: { status: 'ok' }, words: labRun(lab).messages.healthRoute }

const reference = `from fastapi import FastAPI 

app = FastAPI() 

@app.get("/health") 
def health(): 
\treturn {"status": "ok"}
`

const withRoute = (decorator: string, ret = 'return {"status": "ok"}') =>
  `from fastapi import FastAPI\n\napp = FastAPI()\n\n${decorator}\ndef health():\n    ${ret}\n`

describe('findHealthRoute', () => {
  it('fails a route declared on a name the module never defines (appi = FastAPI() under @app.get)', () => {
    const result = findHealthRoute(reference.replace('app = FastAPI()', 'appi = FastAPI()'), options)
    expect(result).toMatchObject({ ok: false, reason: 'undefined-app', line: 5 })
    if (result.ok) return
    expect(result.finding.message).toContain("NameError: name 'app' is not defined")
    expect(result.finding.seen).toContain('line 3: appi = FastAPI()')
    expect(result.finding.fix).toContain('called appi')
  })

  it('fails an app that uvicorn app:app cannot load: appi = FastAPI() with @appi.get', () => {
    const result = findHealthRoute(reference.replaceAll('app', 'appi').replace('fastappi', 'fastapi').replace('FastAPI', 'FastAPI'), { ...options, appModule: 'app:app' })
    expect(result).toMatchObject({ ok: false, reason: 'app-not-loadable', line: 3 })
    if (!result.ok) expect(result.finding.fix).toContain('Rename appi back to app')
    expect(findHealthRoute(reference, { ...options, appModule: 'app:app' }).ok).toBe(true)
  })

  it('fails a misspelled FastAPI class, a NameError when Python imports the file', () => {
    const result = findHealthRoute(reference.replace('app = FastAPI()', 'app = FastAPII()'), { ...options, appModule: 'app:app' })
    expect(result).toMatchObject({ ok: false, reason: 'undefined-app', line: 3 })
    if (!result.ok) expect(result.finding.message).toContain("name 'FastAPII' is not defined")
    expect(findHealthRoute(reference.replace('from fastapi import FastAPI', 'import fastapi').replace('FastAPI()', 'fastapi.FastAPI()'), options).ok).toBe(true)
  })

  it('takes a name bound anywhere at the top level: an import, an annotated assignment, an if block', () => {
    for (const header of ['from main import app', 'from main import *', 'app: FastAPI = FastAPI()', 'if True:\n    app = FastAPI()', 'application = app = FastAPI()'])
      expect(findHealthRoute(`from fastapi import FastAPI\n${header}\n@app.get("/health")\ndef health():\n    return {"status": "ok"}\n`, options).ok, header).toBe(true)
  })

  it('accepts the reference (tab-indented body, trailing spaces)', () => {
    expect(findHealthRoute(reference, options)).toEqual({ ok: true, line: 5 })
  })

  it('accepts single quotes, any spacing, async, extra decorator arguments and api_route GET', () => {
    expect(findHealthRoute(withRoute(`@app.get('/health', status_code=200)`, `return {'status':'ok'}`), options).ok).toBe(true)
    const onRouter = withRoute('@router.get(path="/health")', 'return {  "status" :  "ok"  }').replace('app = FastAPI()', 'router = APIRouter()')
    expect(findHealthRoute(onRouter, options).ok).toBe(true)
    expect(findHealthRoute(withRoute('@app.api_route("/health", methods=["GET"])'), options).ok).toBe(true)
    expect(findHealthRoute(withRoute('@app.api_route("/health", methods=["get", "HEAD"])'), options).ok).toBe(true)
    const asyncDef = 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/health")\nasync def health() -> dict:\n    return {"status": "ok"}\n'
    expect(findHealthRoute(asyncDef, options).ok).toBe(true)
  })

  it('accepts a dict returned through a local variable, and numbers/booleans in the body', () => {
    const src = 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/health")\ndef health():\n    result = {"status": "ok", "db": True, "n": -1}\n    return result\n'
    expect(findHealthRoute(src, { ...options, body: { status: 'ok', db: true, n: -1 } }).ok).toBe(true)
  })

  it('accepts a file that uses tabs in one function and spaces in another', () => {
    const src = `${reference}\n@app.get("/other")\ndef other():\n    x = 1\n    return {"x": x}\n`
    expect(findHealthRoute(src, options).ok).toBe(true)
  })

  it('reports no-route with the routes it found', () => {
    const r = findHealthRoute(withRoute('@app.get("/healthz")'), options)
    expect(r).toMatchObject({ ok: false, reason: 'no-route', line: 5 })
    if (r.ok) return
    expect(r.finding.message).toContain('GET /healthz (line 5)')
    expect(r.finding.fix).toContain('@app.get("/health")')
  })

  it('reports no-route when there is no route decorator at all', () => {
    const r = findHealthRoute('from fastapi import FastAPI\napp = FastAPI()\n\ndef health():\n    return {"status": "ok"}\n', options)
    expect(r).toMatchObject({ ok: false, reason: 'no-route' })
    if (!r.ok) expect(r.finding.seen).toContain('no @app.get')
  })

  it('reports wrong-method for @app.post', () => {
    const r = findHealthRoute(withRoute('@app.post("/health")'), options)
    expect(r).toMatchObject({ ok: false, reason: 'wrong-method', line: 5 })
    if (r.ok) return
    expect(r.finding.message).toContain('POST')
    expect(r.finding.seen).toBe('line 5: @app.post("/health")')
    expect(r.finding.fix).toContain('@app.get')
  })

  it('reports wrong-body for a wrong value, showing the case difference', () => {
    const r = findHealthRoute(withRoute('@app.get("/health")', 'return {"status": "OK"}'), options)
    expect(r).toMatchObject({ ok: false, reason: 'wrong-body', line: 7 })
    if (r.ok) return
    expect(r.finding.message).toBe('GET /health returns {"status": "OK"} (line 7) instead of {"status": "ok"}')
    expect(r.finding.seen).toBe('line 7:     return {"status": "OK"}')
    expect(r.finding.fix).toContain('upper/lower case matters')
  })

  it('reports wrong-body for a wrong key', () => {
    const r = findHealthRoute(withRoute('@app.get("/health")', 'return {"state": "ok"}'), options)
    expect(r).toMatchObject({ ok: false, reason: 'wrong-body' })
    if (r.ok) return
    expect(r.finding.fix).toContain('key "status" is missing')
    expect(r.finding.fix).toContain('key "state" is not expected')
  })

  it('reports wrong-body for a plain string', () => {
    const r = findHealthRoute(withRoute('@app.get("/health")', 'return "ok"'), options)
    expect(r).toMatchObject({ ok: false, reason: 'wrong-body' })
    if (r.ok) return
    expect(r.finding.message).toContain('returns "ok"')
    expect(r.finding.fix).toContain('not a JSON object')
  })

  it('reports wrong-body when the function has no return', () => {
    const r = findHealthRoute(withRoute('@app.get("/health")', 'print("ok")'), options)
    expect(r).toMatchObject({ ok: false, reason: 'wrong-body', line: 5 })
  })

  it('reports a missing colon as a syntax error on its line', () => {
    const r = findHealthRoute('@app.get("/health")\ndef health()\n    return {"status": "ok"}\n', options)
    expect(r).toMatchObject({ ok: false, reason: 'syntax-error', line: 2 })
    if (!r.ok) expect(r.finding.seen).toContain('line 2: def health()')
  })

  it('reports an unclosed brace near its line', () => {
    const r = findHealthRoute('@app.get("/health")\ndef health():\n    return {"status": "ok"\n\nx = 1\n', options)
    expect(r).toMatchObject({ ok: false, reason: 'syntax-error' })
    if (!r.ok) expect(r.line).toBeGreaterThanOrEqual(3)
  })

  it('reports indentation errors that lezer tolerates', () => {
    const unexpected = findHealthRoute('def f():\n    x = 1\n        y = 2\n', options)
    expect(unexpected).toMatchObject({ ok: false, reason: 'syntax-error', line: 3 })
    if (!unexpected.ok) expect(unexpected.finding.message).toContain('unexpected indent')
    const unindent = findHealthRoute('def f():\n    x = 1\n  return 2\n', options)
    expect(unindent).toMatchObject({ ok: false, reason: 'syntax-error', line: 3 })
    if (!unindent.ok) expect(unindent.finding.message).toContain('unindent does not match')
    const notIndented = findHealthRoute('def f():\nreturn 2\n', options)
    expect(notIndented).toMatchObject({ ok: false, reason: 'syntax-error', line: 2 })
    const tabError = findHealthRoute('def f():\n\tx = 1\n        return 2\n', options)
    expect(tabError).toMatchObject({ ok: false, reason: 'syntax-error', line: 3 })
    if (!tabError.ok) expect(tabError.finding.message).toContain('TabError')
  })

  it('reports an unterminated string', () => {
    const r = findHealthRoute('@app.get("/health)\ndef health():\n    return {"status": "ok"}\n', options)
    expect(r).toMatchObject({ ok: false, reason: 'syntax-error', line: 1 })
  })
})

describe('checkHealthRoute: Python itself judges the syntax', () => {
  // Valid Python the fast parser misreads: an async lifespan with a bare yield, spaces here and a tab below.
  const lifespan = `from contextlib import asynccontextmanager
from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app: FastAPI):
    print("start")
    yield
    print("stop")

app = FastAPI(lifespan=lifespan)

@app.get("/health")
def health():
\treturn {"status": "ok"}
`
  it('accepts a file CPython compiles even where the fast parser sees a syntax error', async () => {
    expect(findHealthRoute(lifespan, options)).toMatchObject({ ok: false, reason: 'syntax-error' })
    expect(await checkHealthRoute(lifespan, options)).toEqual({ ok: true, line: 13 })
  })

  it("keeps a real syntax error, in CPython's own words and line", async () => {
    const broken = reference.replace('def health(): ', 'def health() ')
    const result = await checkHealthRoute(broken, options)
    expect(result).toMatchObject({ ok: false, reason: 'syntax-error', line: 6 })
    if (!result.ok) expect(result.finding.message).toMatch(/line 6 \(SyntaxError: expected ':'\)/)
  })

  it('says which indentation error Python meets', async () => {
    const result = await checkHealthRoute(withRoute('@app.get("/health")', 'return {"status": "ok"}').replace('    return', '      return\n    pass'), options)
    expect(result).toMatchObject({ ok: false, reason: 'syntax-error' })
    if (!result.ok) expect(result.finding.message).toContain('IndentationError')
  })
})
