import type { Expected } from './expected.js'

export interface ImageProbe {
  command: string[]
  entrypoint?: string[]
}

/** The one-shot containers the checks run in the student's image: declared here so the session can start them early. */
export const imageProbes = (expected: Pick<Expected, 'oneShotOutput' | 'pipPackages' | 'appFile'>) => ({
  // Each probe sets its own entrypoint: an image that starts uvicorn with ENTRYPOINT would otherwise take the probe's
  // command as uvicorn's arguments. The choice of CMD or ENTRYPOINT is judged once, by ex3.dockerfile.
  /** docker run <image> python -c "print('Bonjour')" (exercise 2). */
  oneShot: { entrypoint: ['python'], command: ['-c', `print('${expected.oneShotOutput}')`] },
  /** docker run <image> uname -r (exercise 2). */
  kernel: { entrypoint: ['uname'], command: ['-r'] },
  /** What the image holds: Python version, the app file in the working directory, importable packages (exercise 3), as one JSON line. */
  contents: {
    entrypoint: ['python'],
    command: ['-c', [
      'import importlib, json, os, sys',
      'mods = {}',
      `for m in ${JSON.stringify(expected.pipPackages)}:`,
      '    try:',
      '        importlib.import_module(m); mods[m] = "ok"',
      '    except Exception as e:',
      '        mods[m] = repr(e)',
      `print(json.dumps({"python": sys.version.split()[0], "app": os.path.isfile(${JSON.stringify(expected.appFile)}), "modules": mods}))`,
    ].join('\n')],
  },
}) satisfies Record<string, ImageProbe>
