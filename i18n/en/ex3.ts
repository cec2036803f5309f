/** Messages of exercise 3: the app, its Dockerfile, the build and the image (specs/ex3-*.spec.ts). */
export const ex3 = {
  staticSuite: 'Exercise 3 — the app and its Dockerfile',
  imageSuite: 'Exercise 3 — build the image',
  missingFile: {
    message: (name: string) => `There is no ${name} at the root of the submission.`,
    seen: 'no such file',
    appFix: (appFile: string) => `Save the FastAPI app of question 3.a as ${appFile}.`,
    dockerfileFix: 'Save the Dockerfile of question 3.b as Dockerfile (no extension) next to app.py.',
  },
  /** Likely fixes for the build errors beginners meet most. */
  buildHint: {
    pipPackage: 'pip could not find a package: check the spelling of the package names in RUN pip install.',
    copyContext: 'A file named in COPY is not in the build context: paths in COPY are relative to the folder you build (the one holding the Dockerfile).',
    baseImage: (image: string) => `The base image does not exist: use FROM ${image}.`,
    unknownInstruction: 'A line of the Dockerfile starts with an unknown instruction: check its spelling (FROM, WORKDIR, COPY, RUN, CMD).',
    generic: 'Run `docker build .` in your submission folder and read the first error.',
  },
  build: {
    timedOut: {
      message: (seconds: number) => `The build timed out after ${seconds} s.`,
      expected: (seconds: number) => `docker build finishes within ${seconds} s`,
      seen: (step: string | undefined) => (step ? `still running ${step}` : 'still running'),
      fix: 'A RUN step must end: start the server with CMD (at container start), never with RUN (during the build).',
    },
    failed: {
      message: (step: string | undefined) => `The image did not build${step ? ` at "${step}"` : ''}.`,
      expected: 'docker build succeeds',
      seen: 'the build ended without an image',
    },
  },
  image: {
    noPython: {
      message: 'python could not run inside the image.',
      expected: (version: string) => `python ${version} on the PATH of the image`,
      seen: (exitCode: number | undefined) => `exit code ${exitCode}`,
      fix: (image: string) => `Start from FROM ${image}.`,
    },
    /** One problem of the image each, and its fix; a message lists them all. */
    workdir: (dir: string) => `working directory is "${dir}"`,
    workdirFix: (dir: string) => `add WORKDIR ${dir} before COPY`,
    appMissing: (file: string) => `${file} is missing`,
    appFix: (file: string) => `copy the app into the image: COPY ${file} .`,
    python: (version: string) => `python is ${version}`,
    pythonFix: (image: string) => `use FROM ${image}`,
    /** `modules`: each as "name (why)". */
    cannotImport: (modules: readonly string[]) => `cannot import ${modules.join(', ')}`,
    pipFix: (packages: string) => `install them in the image: RUN pip install ${packages}`,
    wrong: {
      message: (problems: readonly string[]) => `The image is not what the lab asks for: ${problems.join('; ')}.`,
      expected: (workdir: string, appFile: string, pythonVersion: string, packages: readonly string[]) =>
        `working directory ${workdir}, ${workdir}/${appFile}, Python ${pythonVersion}.x, ${packages.join(' and ')} importable`,
      seen: (problems: readonly string[]) => problems.join('; '),
      fix: (fixes: readonly string[]) => `${fixes.join('; ')}.`,
    },
  },
}
