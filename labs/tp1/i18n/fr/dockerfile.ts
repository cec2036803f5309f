import type { Tp1Catalogue as Catalogue } from '../en/index.js'

type Entries = Catalogue['dockerfile']
type AppCopy = Parameters<Entries['copy']['missing']>[0]
type BaseImage = Parameters<Entries['from']['missing']>[0]

/** "a", "a et b", "a, b et c". */
const list = (items: readonly string[]): string =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}` : items.join('')

const fromExpected = ({ repository, pythonMajor, example }: BaseImage) =>
  `FROM une image Python ${pythonMajor} officielle : ${repository}:${pythonMajor}.x, toute variante (par exemple ${example})`
const workdirExpected = (pinned: string | undefined) =>
  (pinned === undefined ? 'un WORKDIR de votre choix (par exemple WORKDIR /app) avant CMD' : `WORKDIR ${pinned} (avant CMD)`)
const workdirFix = (pinned: string | undefined) => (pinned === undefined
  ? 'Ajoutez un WORKDIR juste après FROM, par exemple `WORKDIR /app` : cette instruction crée le dossier et en fait le répertoire courant pour COPY, RUN et CMD.'
  : `Ajoutez \`WORKDIR ${pinned}\` juste après FROM : cette instruction crée le dossier et en fait le répertoire courant pour COPY, RUN et CMD.`)
const copyExpected = (app: AppCopy) => `COPY ${app.file} . (après WORKDIR ${app.workdir}), pour que le fichier soit à ${app.target}`
const copyFix = (app: AppCopy) => (app.workdir === '/'
  ? `Choisissez un répertoire de travail (par exemple WORKDIR /app) et copiez-y l’application avec \`COPY ${app.file} .\` ; uvicorn cherche ${app.module}.py dans le répertoire de travail.`
  : `Ajoutez \`COPY ${app.file} .\` après WORKDIR ${app.workdir} ; uvicorn cherche ${app.module}.py dans le répertoire de travail.`)

export const dockerfile: Entries = {
  quote: (line, text) => `ligne ${line} : ${text}`,
  from: {
    missing: (baseImage) => ({
      expected: `FROM ${baseImage.example}`,
      seen: 'aucune instruction FROM',
      fix: `Commencez le Dockerfile par une image de base Python, par exemple : FROM ${baseImage.example}`,
    }),
    otherImage: (quoted, baseImage) => ({
      expected: fromExpected(baseImage),
      seen: quoted,
      fix: `Partez de l’image Python officielle, qui contient python et pip : par exemple FROM ${baseImage.example}`,
    }),
    otherMajor: (quoted, tag, baseImage) => ({
      expected: fromExpected(baseImage),
      seen: quoted,
      fix: `Le tag ${tag} n’est pas une image Python ${baseImage.pythonMajor} : FastAPI et uvicorn demandent Python ${baseImage.pythonMajor}. Écrivez par exemple : FROM ${baseImage.example}`,
    }),
    unpinned: (image, example) => ({
      fix: `${image} est le Python le plus récent, quel qu’il soit le jour de la construction : nommez une version pour que l’image se construise de la même façon demain, par exemple FROM ${example}.`,
    }),
  },
  workdir: {
    missing: (pinned) => ({
      expected: workdirExpected(pinned),
      seen: 'aucune instruction WORKDIR (le conteneur s’exécute dans /)',
      fix: workdirFix(pinned),
    }),
    elsewhere: (quoted, runsIn, pinned) => ({
      expected: workdirExpected(pinned),
      seen: `${quoted} (le conteneur s’exécute donc dans ${runsIn})`,
      fix: workdirFix(pinned),
    }),
    blank: (quoted, pinned) => ({
      expected: workdirExpected(pinned),
      seen: `${quoted} : le blanc de l’énoncé, pas encore rempli`,
      fix: workdirFix(pinned),
    }),
  },
  copy: {
    preferCopy: (appFile) => ({
      fix: `ADD fonctionne ici, mais COPY est préférable pour les fichiers locaux : ADD sait aussi télécharger des URL et décompresser des archives. Écrivez : COPY ${appFile} .`,
    }),
    elsewhere: (quoted, at, stillRoot, app) => ({
      expected: copyExpected(app),
      seen: `${quoted} place ${app.file} à ${at}${stillRoot ? ' (le répertoire de travail est encore / à cette ligne)' : ''}`,
      fix: stillRoot && app.workdir !== '/'
        ? `Placez WORKDIR ${app.workdir} au-dessus de la ligne COPY, ou écrivez COPY ${app.file} ${app.workdir}/`
        : copyFix(app),
    }),
    notCopied: (quoted, app) => ({
      expected: copyExpected(app),
      seen: `${quoted.join('\n')} (aucune de ces instructions ne copie ${app.file})`,
      fix: copyFix(app),
    }),
    missing: (app) => ({
      expected: copyExpected(app),
      seen: 'aucune instruction COPY : l’image ne contient pas votre code',
      fix: copyFix(app),
    }),
  },
  pip: {
    incomplete: (quoted, missing, unread, pipLine) => ({
      expected: pipLine,
      seen: quoted.join('\n'),
      fix: `${list(missing)} ${missing.length > 1 ? 'ne sont pas installés' : 'n’est pas installé'}${
        unread.length ? ` (${unread.map((file) => `l’instruction installe à partir de ${file}, qui n’est pas dans votre rendu`).join(' ; ')})` : ''
      }. Installez-les tous dans une seule instruction : ${pipLine}`,
    }),
    missing: (packages, pipLine) => ({
      expected: pipLine,
      seen: 'aucune instruction RUN pip install',
      fix: `Sans cette instruction, il manque ${list(packages)} dans l’image, et le conteneur échoue avec : exec: "uvicorn": executable file not found in $PATH. Ajoutez : ${pipLine}`,
    }),
  },
  cmd: {
    missing: (execLine) => ({
      expected: execLine,
      seen: 'aucune instruction CMD',
      fix: `Sans CMD, l’image python lance une invite Python, qui se termine aussitôt. Ajoutez : ${execLine}`,
    }),
    notExecForm: (quoted, problems, execLine) => ({
      expected: execLine,
      seen: quoted.join('\n'),
      fix: `${problems.join(' ')} Utilisez la forme exec (un tableau JSON, avec des guillemets doubles) : ${execLine}`,
    }),
    notUvicorn: (quoted, argv, execLine) => ({
      expected: execLine,
      seen: quoted.join('\n'),
      fix: `Le conteneur lance \`${argv.join(' ') || '(rien)'}\` ; le TP demande de démarrer le serveur directement avec uvicorn : ${execLine}`,
    }),
    wrongArguments: (quoted, problems, execLine) => ({
      expected: execLine,
      seen: quoted.join('\n'),
      fix: `${problems.join(' ')} Écrivez : ${execLine}`,
    }),
    entrypoint: (line) =>
      `La ligne ${line} démarre le serveur avec ENTRYPOINT, là où le TP demande CMD : avec un ENTRYPOINT, \`docker run <image> <commande>\` passe la commande à uvicorn comme arguments au lieu de l’exécuter.`,
    singleQuotes: (line, raw) =>
      `La ligne ${line} ressemble à la forme exec mais utilise des guillemets simples : la forme exec est du JSON, qui n’accepte que les guillemets doubles, donc Docker revient à la forme shell et lance /bin/sh -c "${raw}", qui échoue.`,
    invalidJson: (line) =>
      `La ligne ${line} commence par [ mais n’est pas du JSON valide (vérifiez les virgules, le ] final et que rien ne le suit), donc Docker l’exécute en forme shell.`,
    shellForm: (line, raw, graceSeconds) =>
      `La ligne ${line} est en forme shell : Docker l’exécute comme /bin/sh -c "${raw}", donc /bin/sh est le PID 1 et uvicorn son processus enfant. /bin/sh ne transmet pas SIGTERM, donc \`docker stop\` attend ${graceSeconds} s puis tue le conteneur (code de sortie 137).`,
    shortOption: (option) => `uvicorn n’a pas d’option ${option} (ses options sont longues, comme --port).`,
    noApp: (appModule, file, attr) =>
      `uvicorn ne reçoit aucune application : donnez-lui ${appModule} (le module ${file}, c’est-à-dire ${file}.py, et la variable ${attr} qu’il contient).`,
    wrongModule: (module, asked, file, appModule) =>
      `On demande à uvicorn de charger ${module}, donc il cherche ${asked}.py et échoue avec : Could not import module "${asked}". Votre fichier est ${file}.py : écrivez donc ${appModule}.`,
    wrongAttr: (module, file, attr, appModule) =>
      `On demande à uvicorn de charger ${module}, mais l’objet FastAPI de ${file}.py s’appelle ${attr} : écrivez ${appModule}.`,
    extraArgs: (extra) => `uvicorn reçoit des arguments supplémentaires inattendus : ${extra.join(' ')}.`,
    noHost: (host) =>
      `Il n’y a pas de --host, donc uvicorn écoute sur son adresse par défaut 127.0.0.1 : dans un conteneur, il n’accepte alors que les connexions venant du conteneur lui-même, jamais celles du port publié. Ajoutez "--host", "${host}".`,
    wrongHost: (host, wanted, loopback) =>
      `--host vaut ${host}, donc uvicorn ${loopback ? 'n’accepte que les connexions venant de l’intérieur du conteneur, jamais celles du port publié' : `n’écoute que sur ${host}`}. Utilisez "--host", "${wanted}".`,
    wrongPort: (port, wanted) =>
      `uvicorn écoute sur le port ${port} dans le conteneur, mais le TP publie le port ${wanted} : les requêtes n’arrivent nulle part. Utilisez "--port", "${wanted}".`,
  },
}
