import type { Catalogue } from '../en/index.js'

export const ex3: Catalogue['ex3'] = {
  staticSuite: 'Exercice 3 — l’application et son Dockerfile',
  imageSuite: 'Exercice 3 — construire l’image',
  missingFile: {
    message: (name, folders) => `Votre rendu ne contient pas de ${name} (cherché dans ${folders.join(' et ')}).`,
    expected: (name, folders) => `${name} dans ${folders.join(' ou ')}`,
    seen: 'fichier absent',
    appFix: (appFile, folder) => `Enregistrez l’application FastAPI de la question 3.a sous le nom ${folder}${appFile}.`,
    dockerfileFix: (folder) => `Enregistrez le Dockerfile de la question 3.b sous le nom ${folder}Dockerfile (sans extension), à côté de app.py.`,
  },
  buildHint: {
    pipPackage: 'pip n’a pas trouvé un paquet : vérifiez l’orthographe des noms de paquets dans RUN pip install.',
    copyContext: 'Un fichier nommé dans COPY n’est pas dans le contexte de construction : les chemins de COPY sont relatifs au dossier que vous construisez (celui qui contient le Dockerfile).',
    baseImage: (image) => `L’image de base n’existe pas : vérifiez son nom et son tag, par exemple FROM ${image}.`,
    unknownInstruction: 'Une ligne du Dockerfile commence par une instruction inconnue : vérifiez son orthographe (FROM, WORKDIR, COPY, RUN, CMD).',
    generic: 'Lancez `docker build .` dans le dossier de votre rendu et lisez la première erreur.',
  },
  build: {
    timedOut: {
      message: (seconds) => `La construction a dépassé le délai de ${seconds} s.`,
      expected: (seconds) => `docker build se termine en moins de ${seconds} s`,
      seen: (step) => (step ? `encore en cours : ${step}` : 'encore en cours'),
      fix: 'Une étape RUN doit se terminer : démarrez le serveur avec CMD (au démarrage du conteneur), jamais avec RUN (pendant la construction).',
    },
    failed: {
      message: (step) => `L’image ne s’est pas construite${step ? ` (étape « ${step} »)` : ''}.`,
      expected: 'docker build réussit',
      seen: 'la construction s’est terminée sans produire d’image',
    },
  },
  image: {
    noPython: {
      message: 'python n’a pas pu s’exécuter dans l’image.',
      expected: (major) => `python ${major} dans le PATH de l’image`,
      seen: (exitCode) => `code de sortie ${exitCode}`,
      fix: (image) => `Partez d’une image Python officielle, par exemple FROM ${image}.`,
    },
    workdir: (dir) => `le répertoire de travail est « ${dir} »`,
    workdirFix: (dir) => `ajoutez WORKDIR ${dir} avant COPY`,
    appMissing: (file, dir) => `${file} n’est pas dans le répertoire de travail ${dir}`,
    appFix: (file) => `copiez l’application dans le répertoire de travail : COPY ${file} . après WORKDIR`,
    python: (version) => `python est en version ${version}`,
    pythonFix: (image) => `utilisez une image Python 3, par exemple FROM ${image}`,
    cannotImport: (modules) => `impossible d’importer ${modules.join(', ')}`,
    pipFix: (packages) => `installez-les dans l’image : RUN pip install ${packages}`,
    wrong: {
      message: (problems) => `L’image ne correspond pas à ce que demande le TP : ${problems.join(' ; ')}.`,
      expected: (workdir, appFile, major, packages) =>
        `${workdir ? `répertoire de travail ${workdir}, ` : ''}${appFile} dans le répertoire de travail, Python ${major}, ${packages.join(' et ')} importables`,
      seen: (problems) => problems.join(' ; '),
      fix: (fixes) => `${fixes.join(' ; ')}.`,
    },
  },
}
