import { readdirSync } from 'node:fs'
import path from 'node:path'
import { parseDocument } from 'yaml'
import type { Rubric } from '../rubric/schema.js'
import type { SubmissionLayout } from '../grading/grade.js'
import { COMPOSE_FILE_NAMES, hasSubmissionFile, insideSubmission, readSubmissionFile } from './submission-files.js'
import { parseReport, readReport, requestsOf } from './report.js'
import type { Request } from './report-markers.js'

/** Where the lab is in a hand-in. Every path is relative to the submission, with forward slashes ('.' is the submission). */
export interface LabLayout {
  /** The folder that holds the lab: the submission itself, or a folder below it (a repository that holds every TP). */
  folder: string
  /** Exercises 3–4: the folder that is built and run, and its Dockerfile. */
  image?: { context: string; dockerfile: string }
  /** Exercise 3's app, beside the Dockerfile (where it is, or where it is looked for). */
  appFile: string
  compose?: string
  report?: string
  /**
   * Where the grader looked: the folders considered for the lab, those for exercise 3's files, the report candidates.
   * What a message lists when something is not found.
   */
  searched: { folders: string[]; imageFolders: string[]; reports: string[] }
}

type LayoutRules = Rubric['layout']

const SKIPPED = /^(\.|node_modules$|__pycache__$|venv$|env$|site-packages$)/
const DOCKERFILE_NAMES = ['Dockerfile', 'dockerfile']

const join = (...parts: string[]) => path.posix.normalize(parts.filter((p) => p && p !== '.').join('/') || '.')

/** The lab number a file or folder name names ("TP1", "rapport_tp2.md"), if any. */
export function labNumberOf(name: string, rules: Pick<LayoutRules, 'labName'>): number | undefined {
  const match = new RegExp(rules.labName, 'i').exec(name)
  return match?.[1] === undefined ? undefined : Number(match[1])
}

function subfolders(dir: string, relative: string): string[] {
  try {
    return readdirSync(path.join(dir, relative), { withFileTypes: true })
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !SKIPPED.test(e.name) && insideSubmission(dir, join(relative, e.name)))
      .map((e) => join(relative, e.name))
      .sort()
  } catch {
    return []
  }
}

function dockerfileIn(dir: string, folder: string): string | undefined {
  return DOCKERFILE_NAMES.map((name) => join(folder, name)).find((file) => hasSubmissionFile(dir, file))
}

const composeIn = (dir: string, folder: string) => COMPOSE_FILE_NAMES.map((name) => join(folder, name)).find((file) => hasSubmissionFile(dir, file))

/** How much of the lab a folder holds: a Compose file, a Dockerfile where the lab puts one, the app beside it. */
function markers(dir: string, folder: string, rules: LayoutRules, appFile: string): number {
  const images = rules.imageFolders.map((f) => join(folder, f))
  return (composeIn(dir, folder) ? 2 : 0) + (images.some((f) => dockerfileIn(dir, f)) ? 2 : 0) + (images.some((f) => hasSubmissionFile(dir, join(f, appFile))) ? 1 : 0)
}

/**
 * The folder that holds the lab. The submission itself when it holds it; else a folder below it: one named after
 * this lab first ("TP1/"), then the one that holds most of it. Folders named after another lab ("TP2/") are not it.
 */
function labFolder(dir: string, rules: LayoutRules, appFile: string, searched: string[]): string | undefined {
  const levels: string[][] = [['.']]
  for (let depth = 1; depth <= rules.maxDepth; depth++) levels.push(levels[depth - 1]!.flatMap((f) => subfolders(dir, f)))
  const candidates = levels.flat()
  searched.push(...candidates)
  const holding = candidates.filter((f) => markers(dir, f, rules, appFile) >= 2)
  const ownNumber = (f: string) => labNumberOf(path.posix.basename(f), rules)
  const named = holding.filter((f) => f !== '.' && ownNumber(f) === rules.labNumber)
  if (named.length) return named[0]
  if (holding.includes('.')) return '.'
  // Inside a folder of the lab (api/ of a TP1/ that holds it) is not another candidate: the outer folder was one.
  const others = holding.filter((f) => ownNumber(f) === undefined && !holding.some((o) => o !== f && f.startsWith(`${o}/`)))
  return others.sort((a, b) => markers(dir, b, rules, appFile) - markers(dir, a, rules, appFile) || a.split('/').length - b.split('/').length)[0]
}

/** The build context the Compose file gives the api service, read statically (for a Dockerfile outside the usual folders). */
function composeApiContext(dir: string, compose: string, apiService: string): string | undefined {
  const text = readSubmissionFile(dir, compose)
  if (!text) return undefined
  try {
    const build = (parseDocument(text).toJS() as { services?: Record<string, { build?: unknown }> } | null)?.services?.[apiService]?.build
    const context = typeof build === 'string' ? build : typeof (build as { context?: unknown })?.context === 'string' ? (build as { context: string }).context : undefined
    return context === undefined ? undefined : join(path.posix.dirname(compose), context)
  } catch {
    return undefined
  }
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`, 'i')
}

function markdownFiles(dir: string, folder: string, depth: number): string[] {
  let entries
  try {
    entries = readdirSync(path.join(dir, folder), { withFileTypes: true })
  } catch {
    return []
  }
  const files = entries.filter((e) => /\.(md|markdown)$/i.test(e.name) && hasSubmissionFile(dir, join(folder, e.name))).map((e) => join(folder, e.name))
  return depth === 0 ? files : [...files, ...subfolders(dir, folder).flatMap((f) => markdownFiles(dir, f, depth - 1))]
}

/**
 * The report: the Markdown file that holds most of the lab's questions, in the lab's folder (three levels down) or at
 * the top of the submission. Among files that hold as many, one named after this lab comes first (rapport_tp1.md,
 * reports/tp1/…), then the rubric's order of names. A file named after another lab (rapport_tp2.md) is never this
 * lab's report; a file that holds none of the questions is one only by its name, and an empty one only when there is
 * nothing else. Nothing in a folder named after another lab (TP2/) is this lab's report.
 */
function reportFile(dir: string, folder: string, rules: LayoutRules, questions: readonly string[], requests: readonly Request[], searched: string[]): string | undefined {
  const candidates = [...new Set([...markdownFiles(dir, folder, 2), ...(folder === '.' ? [] : markdownFiles(dir, '.', 1))])]
    .filter((file) => file.split('/').every((part) => { const n = labNumberOf(part, rules); return n === undefined || n === rules.labNumber }))
  searched.push(...candidates)
  const patterns = rules.reportFiles.map(globToRegExp)
  const scored = candidates.map((file) => {
    const relative = folder === '.' ? file : file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : file
    const index = patterns.findIndex((re) => re.test(relative) || re.test(path.posix.basename(relative)))
    const named = file.split('/').some((part) => labNumberOf(part, rules) === rules.labNumber)
    const text = readReport(dir, file)?.text ?? ''
    const found = text.trim() ? Object.values(parseReport(text, questions, requests).questions).filter((q) => q.found).length : 0
    return { file, found, named, rank: index === -1 ? patterns.length : index, empty: !text.trim() }
  }).filter((c) => c.found > 0 || c.named || c.rank < patterns.length)
  scored.sort((a, b) => Number(a.empty) - Number(b.empty) || b.found - a.found || Number(b.named) - Number(a.named) || a.rank - b.rank
    || a.file.split('/').length - b.file.split('/').length || a.file.localeCompare(b.file))
  return scored[0]?.file
}

/** Finds the lab in a submission: its folder, the Dockerfile and app of exercises 3–4, the Compose file and the report. */
export function findLabLayout(dir: string, rules: LayoutRules, options: { questions: readonly string[]; requests: readonly Request[]; apiService: string; appFile: string }): LabLayout {
  const searched = { folders: [] as string[], imageFolders: [] as string[], reports: [] as string[] }
  const folder = labFolder(dir, rules, options.appFile, searched.folders) ?? '.'
  const compose = composeIn(dir, folder)
  const imageFolders = rules.imageFolders.map((f) => join(folder, f))
  searched.imageFolders.push(...imageFolders)
  const fromCompose = compose && composeApiContext(dir, compose, options.apiService)
  const contexts = [...imageFolders, ...(fromCompose && insideSubmission(dir, fromCompose) ? [fromCompose] : [])]
  const context = contexts.find((f) => dockerfileIn(dir, f))
  const appFolder = context ?? imageFolders.find((f) => hasSubmissionFile(dir, join(f, options.appFile))) ?? imageFolders[imageFolders.length - 1]!
  const report = reportFile(dir, folder, rules, options.questions, options.requests, searched.reports)
  return {
    folder,
    ...(context ? { image: { context, dockerfile: dockerfileIn(dir, context)! } } : {}),
    appFile: join(appFolder, options.appFile),
    ...(compose ? { compose } : {}),
    ...(report ? { report } : {}),
    searched,
  }
}

/** The lab in a submission, looked for as the rubric says: its layout rules (the app file, the service that builds the image) and its report's questions. */
export function findRubricLayout(dir: string, rubric: Pick<Rubric, 'layout' | 'report'>): LabLayout {
  return findLabLayout(dir, rubric.layout, { questions: Object.keys(rubric.report.questions), requests: requestsOf(rubric.report), apiService: rubric.layout.buildService, appFile: rubric.layout.appFile })
}

/** The Compose file findRubricLayout finds, without reading the rest of the lab (the report above all). */
export function findComposeFile(dir: string, rubric: Pick<Rubric, 'layout'>): string | undefined {
  return composeIn(dir, labFolder(dir, rubric.layout, rubric.layout.appFile, []) ?? '.')
}

/** A folder as a student reads it in a message: "api/", "./" for the top of the submission. */
export const shownFolder = (folder: string) => (folder === '.' ? './' : `${folder}/`)

/** Whether anything of the lab was found: when not, the run says where it looked rather than failing every check. */
export const foundAnything = (layout: LabLayout) => Boolean(layout.image || layout.compose || layout.report)

/** The layout as grade.json says it (submission.layout): what was found, or where the grader looked when nothing was. */
export function submissionLayout(found: LabLayout, rules: LayoutRules): SubmissionLayout {
  const anything = foundAnything(found)
  return {
    found: anything,
    folder: found.folder,
    ...(found.image ? { dockerfile: found.image.dockerfile } : {}),
    ...(found.compose ? { compose: found.compose } : {}),
    ...(found.report ? { report: found.report } : {}),
    ...(anything ? {} : {
      searched: { folders: found.searched.folders.map(shownFolder), imageFolders: rules.imageFolders.map(shownFolder), reports: rules.reportFiles.slice(0, 3) },
    }),
  }
}
