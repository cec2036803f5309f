/**
 * The grader's layers, checked in CI (`npm run lint:deps`) rather than by review. Type-only imports count: a type
 * taken from a higher layer ties the layers as much as a value does.
 *
 * The core (core/, and the reporters) knows no lab; each lab (labs/<name>/) builds on the core and knows no other lab.
 * The entry points (vitest.config.ts, the class tool's launcher instructor/, the tests) hand the core the lab list
 * (labs/index.ts): the run loads the lab GRADER_LAB names from it.
 *
 * Inside the core, a folder is a layer; from the bottom up, each may import only those below it:
 *
 *   vocabulary   core/grading/: what a verdict is, the grade, the languages
 *   rubric data  core/rubric/: the shape of a lab and its rubric, the run's settings
 *   analysis     core/analysis/: pure reading of the student's files (the catalogue's words for them are handed in)
 *   lab objects  core/lab/: the Docker driver and what it starts (image, container, Compose project)
 *   catalogue    core/i18n/: the words, for the findings of the analyses and the outcomes of the lab objects
 *   run          core/run/: a run's lab, rubric, words and settings, loaded once
 *   session      core/session/: what a run's specs share (any lab's session), and what the global setup makes before they start
 *   checks       core/checks/: the specs' vocabulary (the test context, the expectations)
 *   core's entry points  reporters/, core/cli/
 *
 * and the project's entry points (vitest.config.ts, starter/, student/, bench/, the tests) may import anything.
 */
const VOCABULARY = '^core/grading/'
const RUBRIC_DATA = '^core/rubric/'
const ANALYSIS = '^core/analysis/'
const LAB_OBJECTS = '^core/lab/'
const CATALOGUE = '^core/i18n/'
const RUN = '^core/run/'
const SESSION = '^core/session/'
const CHECK = '^core/checks/'
const CORE_ENTRY_POINTS = '^(reporters|core/cli)/'
const LABS = '^labs/'
const ENTRY_POINTS = '^(starter|student|instructor|bench|test)/|^vitest\\.config\\.ts$'
const TESTS = '\\.test\\.ts$'

const any = (...paths) => paths.map((p) => `(${p})`).join('|')
/** `from` may import nothing of these layers. */
const below = (name, from, forbidden, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, pathNot: TESTS },
  to: { path: forbidden },
})

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle ties its files into one: break it by moving the shared type or function down a layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'the-core-knows-no-lab',
      comment: 'The core grades any lab from its definition (core/rubric/lab.ts): it names no lab, no lab\'s rubric, words, session or specs.',
      severity: 'error',
      from: { path: any('^core/', CORE_ENTRY_POINTS), pathNot: TESTS },
      to: { path: LABS },
    },
    {
      name: 'a-lab-knows-no-other-lab',
      comment: 'Each lab stands on the core alone: what two labs share belongs in the core.',
      severity: 'error',
      from: { path: '^labs/([^/]+)/', pathNot: TESTS },
      to: { path: LABS, pathNot: '^labs/$1/' },
    },
    {
      name: 'a-lab-is-graded-by-the-core',
      comment: 'A lab\'s code is run by the core\'s reporters and class tool, and imports none of them, nor a tool of the project.',
      severity: 'error',
      from: { path: LABS, pathNot: TESTS },
      to: { path: any(CORE_ENTRY_POINTS, ENTRY_POINTS) },
    },
    below('vocabulary-is-a-leaf', VOCABULARY, any(RUBRIC_DATA, ANALYSIS, LAB_OBJECTS, CATALOGUE, RUN, SESSION, CHECK, CORE_ENTRY_POINTS, ENTRY_POINTS),
      'The verdict vocabulary names nothing of a lab, of Docker or of a language.'),
    below('rubric-data-below-the-rest', RUBRIC_DATA, any(ANALYSIS, LAB_OBJECTS, CATALOGUE, RUN, SESSION, CHECK, CORE_ENTRY_POINTS, ENTRY_POINTS),
      'The rubric schema, the lab\'s definition and the settings are data: they import only the vocabulary.'),
    below('analysis-is-pure', ANALYSIS, any(LAB_OBJECTS, RUN, SESSION, CHECK, CORE_ENTRY_POINTS, ENTRY_POINTS),
      'The analyses read files; they are handed the rubric and their words, and never start or load anything.'),
    below('a-lab-analysis-is-pure', '^labs/[^/]+/analysis/', any(LAB_OBJECTS, RUN, SESSION, CHECK, '^labs/[^/]+/(session|image-probes|specs/)'),
      'A lab\'s own analyses read files as the core\'s do: handed their values and words, they start and load nothing.'),
    {
      name: 'analysis-takes-its-words',
      comment: 'An analysis may name the type of the words it is handed, never load a catalogue.',
      severity: 'error',
      from: { path: ANALYSIS, pathNot: TESTS },
      to: { path: CATALOGUE, dependencyTypesNot: ['type-only'] },
    },
    below('lab-objects-below-the-catalogue', LAB_OBJECTS, any(CATALOGUE, RUN, SESSION, CHECK, CORE_ENTRY_POINTS, ENTRY_POINTS),
      'The lab objects are handed their sentences (EngineWords, StackWords…), their rubric values and their settings.'),
    below('catalogue-below-the-run', CATALOGUE, any(RUN, SESSION, CHECK, CORE_ENTRY_POINTS, ENTRY_POINTS),
      'The catalogue words findings and outcomes; it does not know the run.'),
    below('run-below-the-session', RUN, any(SESSION, CHECK, CORE_ENTRY_POINTS, ENTRY_POINTS), 'The run is loaded by the entry points and handed down.'),
    below('session-below-the-checks', SESSION, any(CHECK, CORE_ENTRY_POINTS, ENTRY_POINTS), 'The global setup knows no spec and no reporter.'),
    below('checks-below-the-entry-points', CHECK, any(CORE_ENTRY_POINTS, ENTRY_POINTS), 'The specs\' vocabulary knows no spec, reporter or command.'),
    {
      name: 'nothing-imports-a-spec',
      comment: 'A spec file is a leaf: what two specs share belongs to a layer below them, or to their lab\'s vocabulary (labs/<name>/specs/lab.ts).',
      severity: 'error',
      from: {},
      to: { path: '\\.spec\\.ts$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|test/fixtures|test/golden|labs/[^/]+/test/(fixtures|references))' },
  },
}
