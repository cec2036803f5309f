/** Messages of the static check of the FastAPI health route (analysis/health-route.ts). */
export const healthRoute = {
  /** One line of the student's source, quoted. */
  quote: (line: number, text: string) => `line ${line}: ${text}`,
  syntax: {
    message: (file: string, line: number, what: string) =>
      `${file} has a syntax error at line ${line} (${what}): Python cannot import it, so uvicorn cannot start the app`,
    expected: (file: string) => `${file} is valid Python`,
    fix: (hint: string, file: string) => `${hint} Run \`python -m py_compile ${file}\` to see Python's own error message.`,
    invalidSyntax: (line: number) => `Check line ${line} and the end of the line before it: a missing ':' after def/if/for, or an unclosed (, [, { or quote.`,
    unterminatedString: (line: number) => `Close the string on line ${line} with the quote it starts with.`,
    tabError: (line: number) =>
      `Line ${line} mixes tabs and spaces unlike the lines around it: indent the whole block the same way (4 spaces per level is the Python convention).`,
    unexpectedIndent: (line: number) =>
      `Line ${line} is indented more than it should be: align it with the line above it, or remove the indentation if it is not inside a def, if, for or class.`,
    unindent: (line: number) =>
      `Line ${line} is indented less than the lines above it but not as little as an enclosing block: align it with the block it belongs to.`,
    expectedIndent: (line: number) => `Line ${line} must be indented one level deeper than the line ending with ':' above it.`,
  },
  noRoute: {
    route: (methods: string, path: string, line: number) => `${methods} ${path} (line ${line})`,
    messageFound: (file: string, path: string, found: string) => `${file} declares no route for ${path}; routes found: ${found}`,
    messageNone: (file: string, decorator: string) => `${file} declares no route: no decorator like ${decorator} was found`,
    expected: (decorator: string) => `a function decorated with ${decorator}`,
    seenFound: (found: string) => `routes found: ${found}`,
    seenNone: 'no @app.get(...) / @app.post(...) decorator at all',
    fix: (decorator: string) =>
      `Declare the route with exactly this path (it is case-sensitive, no trailing slash): ${decorator} on the line above \`def health():\`.`,
  },
  wrongMethod: {
    message: (path: string, methods: string, line: number) => `${path} is declared for ${methods} (line ${line}), but the check sends GET`,
    expected: (path: string, decorator: string) => `GET ${path}, declared with ${decorator}`,
    fix: (method: string, methods: string) =>
      `Use @app.get instead of @app.${method}: a browser or curl sends GET, and FastAPI answers 405 Method Not Allowed to a GET on a ${methods} route.`,
  },
  /** The route is declared on a name the module never defines (`appi = FastAPI()` under `@app.get`). */
  undefinedApp: {
    message: (file: string, name: string, line: number) =>
      `${file} declares its route on ${name} (line ${line}), but defines no variable ${name}: Python stops with NameError: name '${name}' is not defined, so the app never starts`,
    expected: (name: string) => `${name} = FastAPI() above @${name}.get(...)`,
    fixRename: (created: string, name: string) => `Your FastAPI object is called ${created}: name it ${name} (${name} = FastAPI()), the name your decorators use.`,
    fixCreate: (name: string) => `Create the app before declaring routes on it: ${name} = FastAPI(), after from fastapi import FastAPI.`,
    /** `app = FastAPII()`: the called name is defined nowhere. */
    callee: (file: string, callee: string, line: number) =>
      `${file} calls ${callee} (line ${line}), which it neither imports nor defines: Python stops with NameError: name '${callee}' is not defined, so the app never starts`,
    fixCallee: (callee: string) => `Check the spelling against the import: from fastapi import FastAPI, then app = FastAPI() (you wrote ${callee}).`,
  },
  /** uvicorn app:app loads a variable the file does not define (`appi = FastAPI()` with `@appi.get`). */
  appNotLoadable: {
    message: (file: string, wanted: string, name: string) =>
      `${file} names its FastAPI object ${name}, but uvicorn is started with ${wanted}:${wanted} (the CMD the lab gives) and finds no ${wanted} in it: Error loading ASGI app`,
    expected: (wanted: string) => `${wanted} = FastAPI(), the object uvicorn ${wanted}:${wanted} loads`,
    fix: (name: string, wanted: string) => `Rename ${name} back to ${wanted}, in the assignment and in every decorator (@${wanted}.get).`,
  },
  wrongBody: {
    noReturn: (path: string, line: number) => `the function for GET ${path} (line ${line}) has no return statement, so FastAPI answers null`,
    endWith: (body: string) => `End the function with: return ${body}`,
    message: (path: string, shown: string, line: number, body: string) => `GET ${path} returns ${shown} (line ${line}) instead of ${body}`,
    /** `explanation` may be empty. */
    fix: (explanation: string, body: string) => `${explanation} Write exactly: return ${body}`,
    unknown: 'The grader can only read a dict written literally in the return statement.',
    none: 'A bare `return` (or `return None`) makes FastAPI answer null.',
    notObject: (value: string, json: string) => `FastAPI turns ${value} into the JSON ${json}, not a JSON object.`,
    missingKey: (key: string) => `key ${key} is missing`,
    wrongValue: (key: string, got: string, want: string, caseOnly: boolean) =>
      `${key} is ${got} instead of ${want}${caseOnly ? ' (upper/lower case matters)' : ''}`,
    unexpectedKey: (key: string) => `key ${key} is not expected`,
    inDict: (notes: readonly string[]) => `In the returned dict, ${notes.join('; ')}.`,
  },
}
