import type { Finding } from '../../../../core/grading/finding.js'
import type { Expected } from '../../expected.js'

/** One thing wrong with the built image, and its fix: a finding lists them all. */
export interface ImageProblem { problem: string; fix: string }

/** `folders`: where the lab keeps exercise 3's files, as looked in ("api/", or "./" for the top of the submission). */
const missingFile = (name: string, folders: readonly string[]) => ({
  message: `There is no ${name} in the submission (looked in ${folders.join(' and ')}).`,
  expected: `${name} in ${folders.join(' or ')}`,
  seen: 'no such file',
})

/** Messages of exercise 3: the app, its Dockerfile, the build and the image (specs/ex3-*.spec.ts). */
export const ex3 = {
  titles: () => ({ 'ex3.cmd-once': 'the Dockerfile has one CMD (Docker runs only the last)' }),
  /** `lines`: the lines of the final stage's CMD instructions, in order (two or more). */
  cmdTwice: (dockerfile: string, lines: readonly number[]): Finding => ({
    message: `${dockerfile} has ${lines.length} CMD instructions (lines ${lines.join(', ')}): Docker keeps only the last one, line ${lines.at(-1)}.`,
    expected: 'one CMD, the command the container starts with',
    seen: `CMD at lines ${lines.join(', ')}`,
    fix: `Remove the CMD lines before line ${lines.at(-1)}: they do nothing (to run several commands at start, use one script, not several CMD lines).`,
  }),
  missingApp: (appFile: string, folders: readonly string[]): Finding => ({
    ...missingFile(appFile, folders),
    fix: `Save the FastAPI app of question 3.a as ${folders.at(-1)}${appFile}.`,
  }),
  missingDockerfile: (folders: readonly string[], appFile: string): Finding => ({
    ...missingFile('Dockerfile', folders),
    fix: `Save the Dockerfile of question 3.b as ${folders.at(-1)}Dockerfile (no extension), next to ${appFile}.`,
  }),
  /** Likely fixes for the build errors beginners meet most. */
  buildHint: {
    pipPackage: 'pip could not find a package: check the spelling of the package names in RUN pip install.',
    copyContext: 'A file named in COPY is not in the build context: paths in COPY are relative to the folder you build (the one holding the Dockerfile).',
    baseImage: (image: string) => `The base image does not exist: check its name and tag, for example FROM ${image}.`,
    unknownInstruction: 'A line of the Dockerfile starts with an unknown instruction: check its spelling (FROM, WORKDIR, COPY, RUN, CMD).',
    generic: 'Run `docker build .` in your submission folder and read the first error.',
  },
  /** `step`: the build step that was running, if known. */
  buildTimedOut: (seconds: number, step: string | undefined): Finding => ({
    message: `The build timed out after ${seconds} s.`,
    expected: `docker build finishes within ${seconds} s`,
    seen: step ? `still running ${step}` : 'still running',
    fix: 'A RUN step must end: start the server with CMD (at container start), never with RUN (during the build).',
  }),
  /** `step`: the build step that failed, if known; `error`: Docker's; `hint`: one of `buildHint`. */
  buildFailed: (step: string | undefined, error: string | undefined, hint: string): Finding => ({
    message: `The image did not build${step ? ` at "${step}"` : ''}.`,
    expected: 'docker build succeeds',
    seen: error ?? 'the build ended without an image',
    fix: hint,
  }),
  /** `outputTail`: the last lines the probe printed; `startError`: why Docker could not start it. */
  noPython: (
    probe: { startError?: string; outputTail: string; exitCode?: number }, baseImage: Expected['baseImage'],
  ): Finding => ({
    message: 'python could not run inside the image.',
    expected: `python ${baseImage.pythonMajor} on the PATH of the image`,
    seen: probe.startError ?? (probe.outputTail || `exit code ${probe.exitCode}`),
    fix: `Start from an official Python image, for example FROM ${baseImage.example}.`,
  }),
  image: {
    workdir: (dir: string, wanted: string): ImageProblem => ({
      problem: `working directory is "${dir}"`,
      fix: `add WORKDIR ${wanted} before COPY`,
    }),
    appMissing: (file: string, dir: string): ImageProblem => ({
      problem: `${file} is not in the working directory ${dir}`,
      fix: `copy the app into the working directory: COPY ${file} . after WORKDIR`,
    }),
    python: (version: string, baseImage: Expected['baseImage']): ImageProblem => ({
      problem: `python is ${version}`,
      fix: `use a Python ${baseImage.pythonMajor} image, for example FROM ${baseImage.example}`,
    }),
    /** `modules`: each as [name, why]. */
    cannotImport: (modules: readonly (readonly [string, string])[], packages: readonly string[]): ImageProblem => ({
      problem: `cannot import ${modules.map(([name, why]) => `${name} (${why})`).join(', ')}`,
      fix: `install them in the image: RUN pip install ${packages.join(' ')}`,
    }),
    /** The image is not what the lab asks for (`expected`); `problems`: each as above. */
    wrong: (problems: readonly ImageProblem[], expected: Expected): Finding => {
      const seen = problems.map((p) => p.problem).join('; ')
      return {
        message: `The image is not what the lab asks for: ${seen}.`,
        expected: `${expected.workdir ? `working directory ${expected.workdir}, ` : ''}${expected.appFile} in the working directory, Python ${expected.baseImage.pythonMajor}, ${expected.pipPackages.join(' and ')} importable`,
        seen,
        fix: `${problems.map((p) => p.fix).join('; ')}.`,
      }
    },
  },
}
