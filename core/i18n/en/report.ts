import type { AnswerKind, AnswerWhy } from '../../analysis/report.js'
import type { CodeDifference } from '../../analysis/report-code.js'
import type { Lookalike } from '../../analysis/report-images.js'
import type { OutputFact } from '../../analysis/report-output.js'
import type { ImageProblem, PastedFileReview, QuestionReview, ReadAnswer, ReportNote } from '../../analysis/report-review.js'
import type { CopyNotes } from '../../analysis/submission-files.js'
import type { Finding } from '../../grading/finding.js'
import type { Feedback } from '../../grading/verdict.js'

const SAVE_AS_UTF8 = 'save it as UTF-8 (VS Code: click the encoding in the status bar, then "Save with Encoding" > UTF-8)'
const KEEP_INSIDE = 'Put the screenshot in the submission (for example under Captures/TP1/) and link it with a relative path such as ./Captures/TP1/Question_4B.png'
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text)
/** An image link as written, quoted. */
const link = (text: string) => `"${text.length > 80 ? `${text.slice(0, 77)}...` : text}"`
/** A line of code as written, quoted. */
const code = (text: string) => `\`${text.length > 70 ? `${text.slice(0, 67)}...` : text}\``

const LOOKALIKE: Record<Lookalike, string> = {
  pdf: 'a PDF document',
  bmp: 'a BMP image',
  heic: 'a HEIC/AVIF photo',
  svg: 'an SVG drawing',
  html: 'a web page (perhaps saved from the browser instead of the image)',
  tiff: 'a TIFF image',
  zip: 'a ZIP archive',
  text: 'a text file',
  unknown: 'an unknown format',
}

/** What a pasted output must show, in a short phrase. */
function fact(f: OutputFact): string {
  if ('json' in f) return `the JSON ${JSON.stringify(f.json)}`
  if ('text' in f) return f.text.map((t) => `"${t}"`).join(' or ')
  if ('version' in f) return `${f.version.name} ${f.version.major}`
  if ('cell' in f) return `the value ${f.cell} in the result`
  return `the services ${f.running.join(' and ')} running (Up, running or Started)`
}
const facts = (list: readonly OutputFact[]) => list.map(fact).join(', ')

/** Why a question counts as answered or not, in a short phrase. */
function why(why: AnswerWhy): string {
  switch (why.reason) {
    case 'no-section': return 'no section found'
    case 'empty-section': return 'empty section'
    case 'statement-only': return "only the statement's own text, copied: no answer of yours"
    case 'statement-code-only': return "only the statement's skeleton or commands to type: no answer of yours"
    case 'no-screenshot': return 'no screenshot'
    case 'no-valid-screenshot': return 'no valid screenshot'
    case 'valid-screenshots': return plural(why.count, 'valid screenshot')
    case 'words': return plural(why.count, 'word')
    case 'code-blocks': return plural(why.count, 'code block')
    case 'unfenced-code': return `${plural(why.count, 'line')} of code pasted without a code block`
    case 'pasted-output': return `the command's output pasted as text (${why.block === 'code' ? plural(why.count, 'code block') : plural(why.count, 'quoted block')}) instead of a screenshot`
    case 'command-only': return 'a code block that holds only the command to type, not what it printed'
    case 'output-lacks': return `the output pasted does not show ${facts(why.missing)}`
    case 'file-in-hand-in': return `the completed ${why.file} is in the submission`
    case 'too-few-words': {
      const words = `${plural(why.words, 'word')}, ${why.minWords} expected`
      switch (why.screenshot) {
        case 'none': return `no screenshot and ${words}`
        case 'invalid': return `no valid screenshot and ${words}`
        case 'alone': return `${words} (a screenshot alone does not answer this question)`
        case undefined: return words
      }
    }
  }
}

/** Where the question's section starts and what it was found under, then what was read as its answer. */
function read({ line, how, marker, answer }: ReadAnswer): string {
  const at = `line ${line}`
  const where = {
    label: `${at}, under "${short(marker)}"`,
    step: `${at}, under the statement's step "${short(marker)}"`,
    request: `${at}, after the statement's request "${short(marker)}"`,
    title: `${at}, under the title "${short(marker)}"`,
    words: `${at}, text that names this question`,
    place: `${at}, the only question left at this place of the exercise`,
  }[how]
  if (!answer) return where
  const what = answer.kind === 'screenshot' ? `screenshot ${answer.file}${answer.more ? ` (and ${answer.more} more)` : ''}`
    : answer.kind === 'words' ? `"${answer.excerpt}"`
      : answer.kind === 'output' ? `output pasted as text (${answer.block === 'code' ? 'code block' : 'quoted block'}) starting "${short(answer.firstLine)}"`
        : `code starting "${short(answer.firstLine)}"`
  return `read as the answer: ${where}: ${what}`
}

/** Why a screenshot does not count: its link, its file, or a picture another question shows. */
function image(problem: ImageProblem): string {
  switch (problem.kind) {
    case 'empty-link': return 'An image link is empty: put the path of the screenshot between the parentheses of ![…](…).'
    case 'remote': return `The image ${link(problem.link)} is a link to the web, not a file: screenshots must be files in the submission. ${KEEP_INSIDE}.`
    case 'absolute': return `The image ${link(problem.link)} is an absolute path on your computer, which the grader (and GitHub) cannot see. ${KEEP_INSIDE}.`
    case 'outside': return `The image ${link(problem.link)} points outside the submission. ${KEEP_INSIDE}.`
    case 'symlink': return `The image ${problem.file} is a symbolic link to a file outside the submission. Copy the screenshot itself into the submission.`
    case 'folder': return `The image link ${link(problem.link)} names the folder ${problem.folder}, not a file: add the screenshot's file name.`
    case 'missing': {
      const hint = problem.sameName.length
        ? `A file with that name exists at ${problem.sameName.slice(0, 3).join(', ')}: fix the link to match it exactly (letter case matters).`
        : 'Check the file was added to the submission and that the path matches it exactly (letter case matters).'
      return `The image ${problem.file}${problem.link === undefined ? '' : ` (linked as ${link(problem.link)})`} does not exist in the submission. ${hint}`
    }
    case 'too-many-bytes':
      return `${problem.file} is ${problem.megabytes.toFixed(1)} MB, over the ${problem.maxMegabytes} MB limit: save the screenshot as PNG or JPEG, or crop it.`
    case 'empty-file': return `${problem.file} is empty (0 bytes): take the screenshot again and save it as PNG.`
    case 'not-an-image':
      return `${problem.file} is not a PNG, JPEG, WebP or GIF image (it looks like ${LOOKALIKE[problem.lookalike]}): take the screenshot again and save it as PNG.`
    case 'no-size':
      return `${problem.file} starts like a ${problem.format.toUpperCase()} image but its size cannot be read (the file may be truncated or damaged): export the screenshot again.`
    case 'too-small':
      return `${problem.file} is only ${problem.width}×${problem.height} pixels, too small to show anything: take a screenshot of the terminal or browser window.`
    case 'too-large': return `${problem.file} is ${problem.width}×${problem.height} pixels, more than ${problem.maxSide} on a side: crop it to the relevant window.`
    case 'unreadable':
      return `${problem.file} cannot be read${problem.code === undefined ? '' : ` (${problem.code})`}: check the file is a regular, readable file in the submission.`
    case 'same-image': return `${problem.file} is the same picture as the screenshot of question ${problem.question}: each question needs its own screenshot.`
  }
}

/** A difference between a file pasted in the report and the submitted one. */
function difference(d: CodeDifference): string {
  switch (d.kind) {
    case 'report-empty': return "the report's copy is empty"
    case 'file-empty': return 'the submitted file is empty'
    case 'report-tabs': return "the report's copy is indented with tabs; the file uses spaces"
    case 'file-tabs': return "the file is indented with tabs; the report's copy uses spaces"
    case 'changed': return `line ${d.line}: report ${code(d.report)} vs file ${code(d.file)}`
    case 'not-in-report': return `line ${d.line}: file ${code(d.file)} is missing from the report`
    case 'not-in-file': return `after line ${d.afterLine}: report ${code(d.report)} is not in the file`
    case 'more': return `... and ${d.count} more differing line${d.count === 1 ? '' : 's'}`
  }
}

/** Messages of the written report: its checks (specs/report.spec.ts), from what analysis/report*.ts find in it. */
export const report = {
  /** Report checks: one per exercise, one item per question. */
  checkTitle: (questions: readonly string[]) =>
    `Report: question${questions.length > 1 ? 's' : ''} ${questions.join(', ')} answered, screenshots real`,
  questionTitle: (question: string) => `question ${question}`,
  /** No Markdown file holds the lab's questions. `names`: the report's usual names, in the rubric's order of preference; `others`: the Markdown files the submission has. */
  missing: (names: readonly string[], others: readonly string[]): Finding => ({
    message: 'There is no report: no Markdown file of the submission holds the lab\'s questions.',
    expected: `a Markdown report (${names.slice(0, 3).join(', ')}…) with your answers to the questions, under headings such as "## Question 4.a"`,
    seen: others.length ? `Markdown files that hold none of the questions: ${others.slice(0, 5).join(', ')}${others.length > 5 ? '…' : ''}` : 'no Markdown file',
    fix: `Add your report as ${names[0]}, with its screenshots in a folder beside it (e.g. images/).`,
  }),
  /** A question of a report check that is answered: what was read as its answer, or the file that answers it. */
  answered: (question: Pick<QuestionReview, 'why' | 'read'>): Feedback | undefined =>
    question.why.reason === 'file-in-hand-in'
      ? { seen: question.read ? `${read(question.read)}: ${why(question.why)}` : why(question.why) }
      : question.read && { seen: read(question.read) },
  /**
   * A question of a report check that is not answered, `kind` as the rubric says, at least `minWords` words for prose;
   * `output`: what its command's output shows, when pasted as text it answers a screenshot question.
   */
  unanswered: (id: string, kind: AnswerKind, minWords: number, question: Pick<QuestionReview, 'why' | 'read' | 'imageProblems'>, output?: readonly OutputFact[]): Feedback => ({
    expected: {
      screenshot: `a section "Question ${id}" with a screenshot that is a real image file in the submission${output ? `, or the command's output pasted as text in a code block, showing ${facts(output)}` : ''}`,
      file: `a section "Question ${id}" with the completed file, pasted in a code block or shown in a screenshot`,
      observation: `a section "Question ${id}" with a screenshot of what you observed, or what you saw told in at least ${minWords} words`,
      text: `a section "Question ${id}" with an answer of at least ${minWords} words`,
    }[kind],
    seen: [question.read ? `${read(question.read)}: ${why(question.why)}` : why(question.why), ...question.imageProblems.map(image)].join('; '),
    fix: question.why.reason === 'no-section'
      ? `Start the answer with a heading such as "## Question ${id}".`
      : question.why.reason === 'statement-only' || question.why.reason === 'statement-code-only'
        ? 'Write your answer under the request, in your own words: the text of the statement copied into the report is not an answer.'
        : question.why.reason === 'command-only' || question.why.reason === 'output-lacks'
          ? 'Paste under the command what it printed (copy the terminal\'s text into a code block), or link a screenshot of it.'
          : kind === 'screenshot' ? 'Link the screenshot with ![description](Captures/TP1/file.png), the file committed in the submission.' : 'Answer in a few full sentences.',
  }),
  /** ex3.report-files: the files pasted in the report against the submitted ones. */
  pasted: {
    /** The pastes that differ from their file. */
    differ: (pastes: readonly PastedFileReview[]): Finding => ({
      message: `The report shows other versions of ${pastes.map((p) => p.file).join(', ')} than the submitted files.`,
      expected: 'the files pasted in the report are the ones submitted',
      seen: pastes.map((p) => `${p.file} (question ${p.question}): ${p.differences.map(difference).join('; ')}`).join('\n'),
      fix: 'Paste the final version of each file in the report, or submit the version the report shows. (Advisory: no points.)',
    }),
    /** A paste that differs from its file only by its indentation, `tabs` the side indented with tabs: a remark. */
    tabsOnly: (file: string, question: string, tabs: 'report' | 'file') =>
      tabs === 'file'
        ? `Your ${file} is indented with tabs and its copy in question ${question} with spaces; apart from that, they are the same.`
        : /\.ya?ml$/i.test(file)
          ? `The copy of ${file} in question ${question} is indented with tabs: YAML forbids tabs, so that copy would not run as it is; your ${file} uses spaces, as it must.`
          : `The copy of ${file} in question ${question} is indented with tabs and your ${file} with spaces; apart from that, they are the same.`,
  },
  /** How the report was read, when the student should know (its encoding, a report cut short): a note. */
  decoded: (note: ReportNote): string => {
    switch (note.kind) {
      case 'truncated':
        return `The report is ${note.megabytes.toFixed(1)} MB: it was read only up to its first ${note.readMegabytes} MB of text. Keep logs and long outputs out of the report (their last lines are enough).`
      case 'images-unchecked':
        return `The report links ${note.total} images: only the first ${note.checked} were checked. Link only the screenshots the questions ask for.`
      case 'utf-16': return `The report is saved as ${note.encoding.toUpperCase()}; it was read, but ${SAVE_AS_UTF8}.`
      case 'latin-1': return `The report is not valid UTF-8, so it was read as Latin-1 (Windows-1252): accents may be wrong; ${SAVE_AS_UTF8}.`
      case 'not-text':
        return note.format === 'word'
          ? 'The report is a Word document (.docx) saved under a Markdown name, not text: nothing in it can be read. Write the report in Markdown, or export it as Markdown (.md).'
          : 'The report is a PDF saved under a Markdown name, not text: nothing in it can be read. Write the report in Markdown (.md).'
    }
  },
  /** What the grader's copy of the hand-in left out: a note, since nothing of it was graded. */
  leftOut: (notes: CopyNotes): string => {
    const list = (paths: readonly string[]) => `${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ` and ${paths.length - 5} more` : ''}`
    const links = (reason: CopyNotes['links'][number]['reason']) => notes.links.filter((l) => l.reason === reason).map((l) => l.path)
    return [
      links('loop').length ? `Symbolic links that lead back to a folder above them (a loop) were skipped: ${list(links('loop'))}.` : '',
      links('outside').length ? `Symbolic links to files or folders outside the submission were skipped: ${list(links('outside'))}.` : '',
      links('broken').length ? `Symbolic links that lead nowhere were skipped: ${list(links('broken'))}.` : '',
      notes.tooDeep.length ? `Folders nested too deep were skipped: ${list(notes.tooDeep)}.` : '',
      notes.entriesCapped ? `The submission holds more than ${notes.entriesCapped} files and folders: only the first ${notes.entriesCapped} were read.` : '',
      'Nothing there was graded: commit the files themselves, not links, and only what the lab needs.',
    ].filter(Boolean).join(' ')
  },
  // The phrases the feedback above is made of (the unit tests of analysis/report*.ts read them).
  why,
  read,
  image,
  difference,
  fact,
}
