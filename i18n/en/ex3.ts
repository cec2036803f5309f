/** Messages of exercise 3: the app, its Dockerfile, the build and the image (specs/ex3-*.spec.ts). */
export const ex3 = {
  staticSuite: 'Exercise 3 — the app and its Dockerfile',
  imageSuite: 'Exercise 3 — build the image',
  missingFile: {
    /** `folders`: where the lab keeps exercise 3's files, as looked in ("api/", or "./" for the top of the submission). */
    message: (name: string, folders: readonly string[]) => `There is no ${name} in the submission (looked in ${folders.join(' and ')}).`,
    expected: (name: string, folders: readonly string[]) => `${name} in ${folders.join(' or ')}`,
    seen: 'no such file',
    appFix: (appFile: string, folder: string) => `Save the FastAPI app of question 3.a as ${folder}${appFile}.`,
    dockerfileFix: (folder: string) => `Save the Dockerfile of question 3.b as ${folder}Dockerfile (no extension), next to app.py.`,
  },
  /** Likely fixes for the build errors beginners meet most. */
  buildHint: {
    pipPackage: 'pip could not find a package: check the spelling of the package names in RUN pip install.',
    copyContext: 'A file named in COPY is not in the build context: paths in COPY are relative to the folder you build (the one holding the Dockerfile).',
    baseImage: (image: string) => `The base image does not exist: check its name and tag, for example FROM ${image}.`,
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
      expected: (major: number) => `python ${major} on the PATH of the image`,
      seen: (exitCode: number | undefined) => `exit code ${exitCode}`,
      fix: (image: string) => `Start from an official Python image, for example FROM ${image}.`,
    },
    /** One problem of the image each, and its fix; a message lists them all. */
    workdir: (dir: string) => `working directory is "${dir}"`,
    workdirFix: (dir: string) => `add WORKDIR ${dir} before COPY`,
    appMissing: (file: string, dir: string) => `${file} is not in the working directory ${dir}`,
    appFix: (file: string) => `copy the app into the working directory: COPY ${file} . after WORKDIR`,
    python: (version: string) => `python is ${version}`,
    pythonFix: (image: string) => `use a Python 3 image, for example FROM ${image}`,
    /** `modules`: each as "name (why)". */
    cannotImport: (modules: readonly string[]) => `cannot import ${modules.join(', ')}`,
    pipFix: (packages: string) => `install them in the image: RUN pip install ${packages}`,
    wrong: {
      message: (problems: readonly string[]) => `The image is not what the lab asks for: ${problems.join('; ')}.`,
      /** `workdir`: the one the lab pins, if it pins one. */
      expected: (workdir: string | undefined, appFile: string, major: number, packages: readonly string[]) =>
        `${workdir ? `working directory ${workdir}, ` : ''}${appFile} in the working directory, Python ${major}, ${packages.join(' and ')} importable`,
      seen: (problems: readonly string[]) => problems.join('; '),
      fix: (fixes: readonly string[]) => `${fixes.join('; ')}.`,
    },
  },
}
