import type { PyodideAPI } from 'pyodide'

/** Where CPython stops reading a file, as its own SyntaxError (or IndentationError, TabError) says. */
export interface PythonSyntaxError {
  line: number
  column: number
  /** Python's own words, e.g. "IndentationError: unindent does not match any outer indentation level". */
  what: string
}

let python: Promise<PyodideAPI> | undefined

/**
 * CPython's own verdict on a source file (`compile(source, file, 'exec')`), run offline in WebAssembly (Pyodide):
 * the grader's fast parser is error-tolerant and differs from Python on some valid files, so a syntax error it
 * reports is confirmed by Python itself before it costs the student anything. Loaded once, only when needed.
 */
export async function pythonSyntaxError(source: string, fileName: string): Promise<PythonSyntaxError | undefined> {
  python ??= import('pyodide').then(({ loadPyodide }) => loadPyodide({ stdout: () => {}, stderr: () => {} }))
  const py = await python
  py.globals.set('grader_source', source)
  py.globals.set('grader_file', fileName)
  const verdict = py.runPython(`
def grader_check():
    try:
        compile(grader_source, grader_file, 'exec', dont_inherit=True)
    except SyntaxError as e:
        return [e.lineno or 1, e.offset or 1, f"{type(e).__name__}: {e.msg}"]
    return None
grader_check()
`) as { toJs(): [number, number, string] } | undefined
  if (!verdict) return undefined
  const [line, column, what] = verdict.toJs()
  return { line, column, what }
}
