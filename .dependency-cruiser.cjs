/**
 * The grader's layers, checked in CI (`npm run lint:deps`) rather than by review. Type-only imports count: a type
 * taken from a higher layer ties the layers as much as a value does. From the bottom up, each may import only those
 * below it:
 *
 *   vocabulary   grading/{verdict,finding,errors,grade,layout,points,inert-text}, i18n/languages: what a verdict is
 *   rubric data  rubric/{schema,settings}: the shape of a lab's rubric, the run's settings
 *   analysis     analysis/: pure reading of the student's files (the catalogue's words for them are handed in)
 *   lab objects  lab/ (but the session): the Docker driver and what it starts (image, container, Compose project)
 *   catalogue    i18n/: the words, for the findings of the analyses and the outcomes of the lab objects
 *   run          rubric/{index,tp1}: a run's rubric, words and settings, loaded once
 *   session      lab/{session,global-setup}: what a run's specs share
 *   check        grading/{check,expect}: the specs' vocabulary (the test context, the expectations)
 *   entry points specs/, reporters/, cli/, starter/, bench/, vitest.config.ts, and the tests
 */
const VOCABULARY = '^(grading/(verdict|finding|errors|grade|layout|points|inert-text)|i18n/languages)\\.ts$'
const RUBRIC_DATA = '^rubric/(schema|settings)\\.ts$'
const ANALYSIS = '^analysis/'
const LAB_OBJECTS = '^lab/(?!(session|global-setup)\\.ts$)'
const CATALOGUE = '^i18n/(?!languages\\.ts$)'
const RUN = '^rubric/(index|tp1)\\.ts$'
const SESSION = '^lab/(session|global-setup)\\.ts$'
const CHECK = '^grading/(check|expect)\\.ts$'
const ENTRY_POINTS = '^(specs|reporters|cli|starter|bench|test)/|^vitest\\.config\\.ts$'
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
    below('vocabulary-is-a-leaf', VOCABULARY, any(RUBRIC_DATA, ANALYSIS, LAB_OBJECTS, CATALOGUE, RUN, SESSION, CHECK, ENTRY_POINTS),
      'The verdict vocabulary names nothing of a lab, of Docker or of a language.'),
    below('rubric-data-below-the-rest', RUBRIC_DATA, any(ANALYSIS, LAB_OBJECTS, CATALOGUE, RUN, SESSION, CHECK, ENTRY_POINTS),
      'The rubric schema and the settings are data: they import only the vocabulary.'),
    below('analysis-is-pure', ANALYSIS, any(LAB_OBJECTS, RUN, SESSION, CHECK, ENTRY_POINTS),
      'The analyses read files; they are handed the rubric and their words, and never start or load anything.'),
    {
      name: 'analysis-takes-its-words',
      comment: 'An analysis may name the type of the words it is handed, never load a catalogue.',
      severity: 'error',
      from: { path: ANALYSIS, pathNot: TESTS },
      to: { path: CATALOGUE, dependencyTypesNot: ['type-only'] },
    },
    below('lab-objects-below-the-catalogue', LAB_OBJECTS, any(CATALOGUE, RUN, SESSION, CHECK, ENTRY_POINTS),
      'The lab objects are handed their sentences (EngineWords, StackWords…), their rubric values and their settings.'),
    below('catalogue-below-the-run', CATALOGUE, any(RUN, SESSION, CHECK, ENTRY_POINTS),
      'The catalogue words findings and outcomes; it does not know the run.'),
    below('run-below-the-session', RUN, any(SESSION, CHECK, ENTRY_POINTS), 'The run is loaded by the entry points and handed down.'),
    below('session-below-the-checks', SESSION, any(CHECK, ENTRY_POINTS), 'The session knows no spec and no reporter.'),
    below('checks-below-the-entry-points', CHECK, ENTRY_POINTS, 'The specs\' vocabulary knows no spec, reporter or command.'),
    {
      name: 'the-grade-knows-no-lab',
      comment: 'The verdict vocabulary, the specs\' vocabulary, the rubric schema, the settings, the reporters and the class tool serve any lab: none of them names TP1\'s rubric, its expected values or its session.',
      severity: 'error',
      from: { path: '^(grading/|reporters/|cli/|rubric/(schema|settings)\\.ts$)', pathNot: TESTS },
      to: { path: '^(rubric/tp1|lab/session\\.ts$)' },
    },
    {
      name: 'nothing-imports-a-spec',
      comment: 'A spec file is a leaf: what two specs share belongs to a layer below them, or to their lab\'s vocabulary (specs/lab.ts).',
      severity: 'error',
      from: {},
      to: { path: '\\.spec\\.ts$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|test/fixtures|test/golden)' },
  },
}
