const SAVE_AS_UTF8 = 'save it as UTF-8 (VS Code: click the encoding in the status bar, then "Save with Encoding" > UTF-8)'
const KEEP_INSIDE = 'Put the screenshot in the submission (for example under Captures/TP1/) and link it with a relative path such as ./Captures/TP1/Question_4B.png'
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text)
/** How a question's section was found (analysis/report-sections.ts). */
type FoundBy = 'label' | 'step' | 'request' | 'title' | 'words' | 'place'

/** Messages of the written report: its checks (specs/report.spec.ts) and what analysis/report*.ts find in it. */
export const report = {
  suite: 'The written report',
  /** The report file is not in the submission. */
  missing: {
    /** `names`: the report's usual names, in the rubric's order of preference. */
    message: (_names: readonly string[]) => 'There is no report: no Markdown file of the submission holds the lab\'s questions.',
    expected: (names: readonly string[]) => `a Markdown report (${names.slice(0, 3).join(', ')}…) with your answers to the questions, under headings such as "## Question 4.a"`,
    seen: 'no Markdown file',
    /** `files`: the Markdown files the submission has, none of which is the report. */
    seenOthers: (files: readonly string[]) => `Markdown files that hold none of the questions: ${files.slice(0, 5).join(', ')}${files.length > 5 ? '…' : ''}`,
    fix: (file: string) => `Add your report as ${file}, with its screenshots in a folder beside it (e.g. images/).`,
  },
  /** One question of a report check that is not answered. */
  question: {
    expectedScreenshot: (id: string) => `a section "Question ${id}" with a screenshot that is a real image file in the submission`,
    expectedWords: (id: string, minWords: number) => `a section "Question ${id}" with an answer of at least ${minWords} words`,
    expectedObservation: (id: string, minWords: number) => `a section "Question ${id}" with a screenshot of what you observed, or what you saw told in at least ${minWords} words`,
    expectedFile: (id: string) => `a section "Question ${id}" with the completed file, pasted in a code block or shown in a screenshot`,
    /** Why the question is not answered, then the screenshots that do not count. */
    seen: (why: string, imageProblems: readonly string[]) => [why, ...imageProblems].join('; '),
    fixHeading: (id: string) => `Start the answer with a heading such as "## Question ${id}".`,
    fixScreenshot: 'Link the screenshot with ![description](Captures/TP1/file.png), the file committed in the submission.',
    fixWords: 'Answer in a few full sentences.',
    fixStatementOnly: 'Write your answer under the request, in your own words: the text of the statement copied into the report is not an answer.',
  },
  /** What the grader read for a question (analysis/report-review.ts): shown for every question, answered or not. */
  read: {
    /** Where the question's section starts and what it was found under; `marker` is that line as written. */
    where: (line: number, how: FoundBy, marker: string) => {
      const at = `line ${line}`
      switch (how) {
        case 'label': return `${at}, under "${short(marker)}"`
        case 'step': return `${at}, under the statement's step "${short(marker)}"`
        case 'request': return `${at}, after the statement's request "${short(marker)}"`
        case 'title': return `${at}, under the title "${short(marker)}"`
        case 'words': return `${at}, text that names this question`
        case 'place': return `${at}, the only question left at this place of the exercise`
      }
    },
    words: (excerpt: string) => `"${excerpt}"`,
    code: (firstLine: string) => `code starting "${short(firstLine)}"`,
    screenshot: (file: string, more: number) => `screenshot ${file}${more ? ` (and ${more} more)` : ''}`,
    /** `where` is from where(), `what` from words(), code() or screenshot(). */
    answer: (where: string, what: string) => `read as the answer: ${where}: ${what}`,
    /** `where` is from where(), `why` says why it does not count. */
    notAnswered: (where: string, why: string) => `${where}: ${why}`,
  },
  /** ex3.report-files: the files pasted in the report against the submitted ones. */
  pasted: {
    reportTabsOnly: (file: string, question: string, yaml: boolean) =>
      yaml
        ? `The copy of ${file} in question ${question} is indented with tabs: YAML forbids tabs, so that copy would not run as it is; your ${file} uses spaces, as it must.`
        : `The copy of ${file} in question ${question} is indented with tabs and your ${file} with spaces; apart from that, they are the same.`,
    fileTabsOnly: (file: string, question: string) =>
      `Your ${file} is indented with tabs and its copy in question ${question} with spaces; apart from that, they are the same.`,
    differ: (files: readonly string[]) => `The report shows other versions of ${files.join(', ')} than the submitted files.`,
    expected: 'the files pasted in the report are the ones submitted',
    seen: (file: string, question: string, differences: readonly string[]) => `${file} (question ${question}): ${differences.join('; ')}`,
    fix: 'Paste the final version of each file in the report, or submit the version the report shows. (Advisory: no points.)',
  },
  /** How the report's bytes were decoded (analysis/report.ts). */
  encoding: {
    utf16: (encoding: string) => `The report is saved as ${encoding}; it was read, but ${SAVE_AS_UTF8}.`,
    latin1: `The report is not valid UTF-8, so it was read as Latin-1 (Windows-1252): accents may be wrong; ${SAVE_AS_UTF8}.`,
    /** The report file holds a document of a word processor, not text. */
    notText: {
      word: 'The report is a Word document (.docx) saved under a Markdown name, not text: nothing in it can be read. Write the report in Markdown, or export it as Markdown (.md).',
      pdf: 'The report is a PDF saved under a Markdown name, not text: nothing in it can be read. Write the report in Markdown (.md).',
    },
  },
  /** Why a question counts as answered or not, in a short phrase (analysis/report.ts, analysis/report-review.ts). */
  answer: {
    noSection: 'no section found',
    emptySection: 'empty section',
    validScreenshots: (count: number) => plural(count, 'valid screenshot'),
    words: (count: number) => plural(count, 'word'),
    codeBlocks: (count: number) => plural(count, 'code block'),
    unfencedCode: (lines: number) => `${plural(lines, 'line')} of code pasted without a code block`,
    statementOnly: "only the statement's own text, copied: no answer of yours",
    statementCodeOnly: "only the statement's skeleton or commands to type: no answer of yours",
    tooFewWords: (words: number, minWords: number) => `${plural(words, 'word')}, ${minWords} expected`,
    noScreenshot: 'no screenshot',
    noValidScreenshot: 'no valid screenshot',
    /** `screenshot` is noScreenshot or noValidScreenshot, `words` is tooFewWords. */
    screenshotAndWords: (screenshot: string, words: string) => `${screenshot} and ${words}`,
    /** `words` is tooFewWords. */
    screenshotAlone: (words: string) => `${words} (a screenshot alone does not answer this question)`,
    sameImage: (file: string, question: string) => `${file} is the same picture as the screenshot of question ${question}: each question needs its own screenshot.`,
  },
  /** Image links of the report (analysis/report-images.ts); `link` is the link as written, already quoted. */
  links: {
    empty: 'An image link is empty: put the path of the screenshot between the parentheses of ![…](…).',
    remote: (link: string) => `The image ${link} is a link to the web, not a file: screenshots must be files in the submission. ${KEEP_INSIDE}.`,
    absolute: (link: string) => `The image ${link} is an absolute path on your computer, which the grader (and GitHub) cannot see. ${KEEP_INSIDE}.`,
    outside: (link: string) => `The image ${link} points outside the submission. ${KEEP_INSIDE}.`,
    symlink: (file: string) => `The image ${file} is a symbolic link to a file outside the submission. Copy the screenshot itself into the submission.`,
    folder: (link: string, folder: string) => `The image link ${link} names the folder ${folder}, not a file: add the screenshot's file name.`,
    /** `link` is undefined when the link names the file as it is. */
    missing: (file: string, link: string | undefined, hint: string) =>
      `The image ${file}${link === undefined ? '' : ` (linked as ${link})`} does not exist in the submission. ${hint}`,
    sameName: (files: readonly string[]) => `A file with that name exists at ${files.join(', ')}: fix the link to match it exactly (letter case matters).`,
    checkAdded: 'Check the file was added to the submission and that the path matches it exactly (letter case matters).',
  },
  /** Screenshot files (analysis/report-images.ts). */
  images: {
    tooManyBytes: (file: string, megabytes: number) => `${file} is ${megabytes.toFixed(1)} MB, over the 20 MB limit: save the screenshot as PNG or JPEG, or crop it.`,
    empty: (file: string) => `${file} is empty (0 bytes): take the screenshot again and save it as PNG.`,
    notAnImage: (file: string, lookalike: string) => `${file} is not a PNG, JPEG, WebP or GIF image (it looks like ${lookalike}): take the screenshot again and save it as PNG.`,
    lookalike: {
      pdf: 'a PDF document',
      bmp: 'a BMP image',
      heic: 'a HEIC/AVIF photo',
      svg: 'an SVG drawing',
      html: 'a web page (perhaps saved from the browser instead of the image)',
      tiff: 'a TIFF image',
      zip: 'a ZIP archive',
      text: 'a text file',
      unknown: 'an unknown format',
    },
    /** `format` is PNG, JPEG, WEBP or GIF. */
    noSize: (file: string, format: string) =>
      `${file} starts like a ${format} image but its size cannot be read (the file may be truncated or damaged): export the screenshot again.`,
    tooSmall: (file: string, width: number, height: number) => `${file} is only ${width}×${height} pixels, too small to show anything: take a screenshot of the terminal or browser window.`,
    tooLarge: (file: string, width: number, height: number, maxSide: number) => `${file} is ${width}×${height} pixels, more than ${maxSide} on a side: crop it to the relevant window.`,
    /** `code` is the system error code, e.g. ENOENT, when there is one. */
    unreadable: (file: string, code: string | undefined) =>
      `${file} cannot be read${code === undefined ? '' : ` (${code})`}: check the file is a regular, readable file in the submission.`,
  },
  /** Differences between a file pasted in the report and the submitted one (analysis/report-code.ts); code is quoted. */
  code: {
    reportEmpty: "the report's copy is empty",
    fileEmpty: 'the submitted file is empty',
    reportTabs: "the report's copy is indented with tabs; the file uses spaces",
    fileTabs: "the file is indented with tabs; the report's copy uses spaces",
    changed: (line: number, reportText: string, fileText: string) => `line ${line}: report ${reportText} vs file ${fileText}`,
    notInReport: (line: number, fileText: string) => `line ${line}: file ${fileText} is missing from the report`,
    notInFile: (afterLine: number, reportText: string) => `after line ${afterLine}: report ${reportText} is not in the file`,
    more: (count: number) => `... and ${count} more differing line${count === 1 ? '' : 's'}`,
  },
}
