import type { Finding } from '../../../../core/grading/finding.js'

/** The route the lab asks for: GET `path`, declared on the app's variable `app` (`@app.get("/health")`). */
interface WantedRoute { path: string; app: string }
/** A route the file declares: its methods (GET, POST…), its path, the line of its decorator. */
interface DeclaredRoute { methods: readonly string[]; path: string; line: number }
/** A syntax error: where, in Python's own words (`what`), and the student's hint. */
interface SyntaxProblem { line: number; what: string; hint: string }

const decorator = ({ path, app }: WantedRoute) => `@${app}.get("${path}")`
const variableOf = (appModule: string) => appModule.slice(appModule.indexOf(':') + 1)

/**
 * Messages of the static check of the FastAPI health route (analysis/health-route.ts): each failure is one function
 * of what was found, returning the whole finding. `file`: the app's file as the submission names it; `shown`: lines
 * of it, as `quote` shows them; `body`: the JSON body the lab asks for, written as a Python dict.
 */
export const healthRoute = {
  /** One line of the student's source, quoted. */
  quote: (line: number, text: string) => `line ${line}: ${text}`,
  syntax: {
    error: (file: string, problem: SyntaxProblem, shown: readonly string[]): Finding => ({
      message: `${file} has a syntax error at line ${problem.line} (${problem.what}): Python cannot import it, so uvicorn cannot start the app`,
      expected: `${file} is valid Python`,
      seen: shown.join('\n'),
      fix: `${problem.hint} Run \`python -m py_compile ${file}\` to see Python's own error message.`,
    }),
    /** The hints, by the error Python names. */
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
  /** No route for the path; `found`: the routes the file declares instead. */
  noRoute: (file: string, route: WantedRoute, found: readonly DeclaredRoute[]): Finding => {
    const listed = found.map((r) => `${r.methods.join('/')} ${r.path} (line ${r.line})`).join(', ')
    return {
      message: listed ? `${file} declares no route for ${route.path}; routes found: ${listed}` : `${file} declares no route: no decorator like ${decorator(route)} was found`,
      expected: `a function decorated with ${decorator(route)}`,
      seen: listed ? `routes found: ${listed}` : `no @${route.app}.get(...) / @${route.app}.post(...) decorator at all`,
      fix: `Declare the route with exactly this path (it is case-sensitive, no trailing slash): ${decorator(route)} on the line above \`def health():\`.`,
    }
  },
  /** The path is declared for other methods than GET. */
  wrongMethod: (route: WantedRoute, declared: DeclaredRoute, shown: string): Finding => ({
    message: `${route.path} is declared for ${declared.methods.join('/')} (line ${declared.line}), but the check sends GET`,
    expected: `GET ${route.path}, declared with ${decorator(route)}`,
    seen: shown,
    fix: `Use @${route.app}.get instead of @${route.app}.${declared.methods[0]!.toLowerCase()}: a browser or curl sends GET, and FastAPI answers 405 Method Not Allowed to a GET on a ${declared.methods.join('/')} route.`,
  }),
  /**
   * The route is declared on a name the module never defines (`appi = FastAPI()` under `@app.get`); `createdAs`: the
   * name the module gives its FastAPI object, if it creates one.
   */
  undefinedApp: (
    file: string, declared: { object: string; line: number }, createdAs: string | undefined, shown: readonly string[],
  ): Finding => ({
    message: `${file} declares its route on ${declared.object} (line ${declared.line}), but defines no variable ${declared.object}: Python stops with NameError: name '${declared.object}' is not defined, so the app never starts`,
    expected: `${declared.object} = FastAPI() above @${declared.object}.get(...)`,
    seen: shown.join('\n'),
    fix: createdAs
      ? `Your FastAPI object is called ${createdAs}: name it ${declared.object} (${declared.object} = FastAPI()), the name your decorators use.`
      : `Create the app before declaring routes on it: ${declared.object} = FastAPI(), after from fastapi import FastAPI.`,
  }),
  /** `app = FastAPII()`: the called name (`callee`) is defined nowhere; `created`: the variable assigned. */
  undefinedCallee: (
    file: string, created: { name: string; callee: string; line: number }, app: string, shown: string,
  ): Finding => ({
    message: `${file} calls ${created.callee} (line ${created.line}), which it neither imports nor defines: Python stops with NameError: name '${created.callee}' is not defined, so the app never starts`,
    expected: `${created.name} = FastAPI() above @${created.name}.get(...)`,
    seen: shown,
    fix: `Check the spelling against the import: from fastapi import FastAPI, then ${app} = FastAPI() (you wrote ${created.callee}).`,
  }),
  /** uvicorn loads `appModule` (`app:app`), whose variable the file does not define: its FastAPI object is `name`. */
  appNotLoadable: (file: string, appModule: string, name: string, shown: string): Finding => {
    const wanted = variableOf(appModule)
    return {
      message: `${file} names its FastAPI object ${name}, but uvicorn is started with ${appModule} (the CMD the lab gives) and finds no ${wanted} in it: Error loading ASGI app`,
      expected: `${wanted} = FastAPI(), the object uvicorn ${appModule} loads`,
      seen: shown,
      fix: `Rename ${name} back to ${wanted}, in the assignment and in every decorator (@${wanted}.get).`,
    }
  },
  wrongBody: {
    /** The function of the route (its decorator on `line`) returns nothing. */
    noReturn: (route: WantedRoute, line: number, body: string, shown: string): Finding => ({
      message: `the function for GET ${route.path} (line ${line}) has no return statement, so FastAPI answers null`,
      expected: `return ${body}`,
      seen: shown,
      fix: `End the function with: return ${body}`,
    }),
    /** It returns `returned` (as written, or as a Python value) on `line`; `explanation` (the sentences below) may be empty. */
    returns: (
      route: WantedRoute, returned: string, line: number, body: string, explanation: string, shown: string,
    ): Finding => ({
      message: `GET ${route.path} returns ${returned} (line ${line}) instead of ${body}`,
      expected: `return ${body}`,
      seen: shown,
      fix: `${explanation} Write exactly: return ${body}`,
    }),
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
