import type { Tp1Catalogue as Catalogue } from '../en/index.js'

const missingFile = (name: string, folders: readonly string[]) => ({
  message: `Votre rendu ne contient pas de ${name} (cherché dans ${folders.join(' et ')}).`,
  expected: `${name} dans ${folders.join(' ou ')}`,
  seen: 'fichier absent',
})

export const ex3: Catalogue['ex3'] = {
  titles: () => ({ 'ex3.cmd-once': 'le Dockerfile a un seul CMD (Docker n’exécute que le dernier)' }),
  cmdTwice: (dockerfile, lines) => ({
    message: `${dockerfile} contient ${lines.length} instructions CMD (lignes ${lines.join(', ')}) : Docker ne garde que la dernière, ligne ${lines.at(-1)}.`,
    expected: 'un seul CMD, la commande que lance le conteneur',
    seen: `CMD aux lignes ${lines.join(', ')}`,
    fix: `Supprimez les lignes CMD avant la ligne ${lines.at(-1)} : elles ne servent à rien (pour lancer plusieurs commandes au démarrage, utilisez un script, pas plusieurs CMD).`,
  }),
  missingApp: (appFile, folders) => ({
    ...missingFile(appFile, folders),
    fix: `Enregistrez l’application FastAPI de la question 3.a sous le nom ${folders.at(-1)}${appFile}.`,
  }),
  missingDockerfile: (folders, appFile) => ({
    ...missingFile('Dockerfile', folders),
    fix: `Enregistrez le Dockerfile de la question 3.b sous le nom ${folders.at(-1)}Dockerfile (sans extension), à côté de ${appFile}.`,
  }),
  buildHint: {
    pipPackage: 'pip n’a pas trouvé un paquet : vérifiez l’orthographe des noms de paquets dans RUN pip install.',
    copyContext: 'Un fichier nommé dans COPY n’est pas dans le contexte de construction : les chemins de COPY sont relatifs au dossier que vous construisez (celui qui contient le Dockerfile).',
    baseImage: (image) => `L’image de base n’existe pas : vérifiez son nom et son tag, par exemple FROM ${image}.`,
    unknownInstruction: 'Une ligne du Dockerfile commence par une instruction inconnue : vérifiez son orthographe (FROM, WORKDIR, COPY, RUN, CMD).',
    generic: 'Lancez `docker build .` dans le dossier de votre rendu et lisez la première erreur.',
  },
  buildTimedOut: (seconds, step) => ({
    message: `La construction a dépassé le délai de ${seconds} s.`,
    expected: `docker build se termine en moins de ${seconds} s`,
    seen: step ? `encore en cours : ${step}` : 'encore en cours',
    fix: 'Une étape RUN doit se terminer : démarrez le serveur avec CMD (au démarrage du conteneur), jamais avec RUN (pendant la construction).',
  }),
  buildFailed: (step, error, hint) => ({
    message: `L’image ne s’est pas construite${step ? ` (étape « ${step} »)` : ''}.`,
    expected: 'docker build réussit',
    seen: error ?? 'la construction s’est terminée sans produire d’image',
    fix: hint,
  }),
  noPython: (probe, baseImage) => ({
    message: 'python n’a pas pu s’exécuter dans l’image.',
    expected: `python ${baseImage.pythonMajor} dans le PATH de l’image`,
    seen: probe.startError ?? (probe.outputTail || `code de sortie ${probe.exitCode}`),
    fix: `Partez d’une image Python officielle, par exemple FROM ${baseImage.example}.`,
  }),
  image: {
    workdir: (dir, wanted) => ({
      problem: `le répertoire de travail est « ${dir} »`,
      fix: `ajoutez WORKDIR ${wanted} avant COPY`,
    }),
    appMissing: (file, dir) => ({
      problem: `${file} n’est pas dans le répertoire de travail ${dir}`,
      fix: `copiez l’application dans le répertoire de travail : COPY ${file} . après WORKDIR`,
    }),
    python: (version, baseImage) => ({
      problem: `python est en version ${version}`,
      fix: `utilisez une image Python ${baseImage.pythonMajor}, par exemple FROM ${baseImage.example}`,
    }),
    cannotImport: (modules, packages) => ({
      problem: `impossible d’importer ${modules.map(([name, why]) => `${name} (${why})`).join(', ')}`,
      fix: `installez-les dans l’image : RUN pip install ${packages.join(' ')}`,
    }),
    wrong: (problems, expected) => {
      const seen = problems.map((p) => p.problem).join(' ; ')
      return {
        message: `L’image ne correspond pas à ce que demande le TP : ${seen}.`,
        expected: `${expected.workdir ? `répertoire de travail ${expected.workdir}, ` : ''}${expected.appFile} dans le répertoire de travail, Python ${expected.baseImage.pythonMajor}, ${expected.pipPackages.join(' et ')} importables`,
        seen,
        fix: `${problems.map((p) => p.fix).join(' ; ')}.`,
      }
    },
  },
}
