/** What was graded, as found in the submission: paths relative to it. */
export interface SubmissionLayout {
  /** Whether any of the lab was found; when not, `searched` lists the folders looked in. */
  found: boolean
  /** The folder that holds the lab ('.': the submission itself; 'TP1' in a repository of every TP). */
  folder: string
  dockerfile?: string
  compose?: string
  report?: string
  /** When nothing was found: the folders looked in, where a Dockerfile may be in each, the report's usual names. */
  searched?: { folders: string[]; imageFolders: string[]; reports: string[] }
}
