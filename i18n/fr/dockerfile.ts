import type { Catalogue } from '../en/index.js'

/** "a", "a et b", "a, b et c". */
const list = (items: readonly string[]): string =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}` : items.join('')

export const dockerfile: Catalogue['dockerfile'] = {
  quote: (line, text) => `ligne ${line} : ${text}`,
  from: {
    expected: (repository, major) => `FROM une image Python ${major} officielle : ${repository}:${major}.x, toute variante (par exemple ${repository}:${major}.11-slim)`,
    none: 'aucune instruction FROM',
    startWith: (image) => `Commencez le Dockerfile par une image de base Python, par exemple : FROM ${image}`,
    otherImage: (image) => `Partez de l’image Python officielle, qui contient python et pip : par exemple FROM ${image}`,
    otherMajor: (tag, major, image) =>
      `Le tag ${tag} n’est pas une image Python ${major} : FastAPI et uvicorn demandent Python ${major}. Écrivez par exemple : FROM ${image}`,
    pinVersion: (image, example) =>
      `${image} est le Python le plus récent, quel qu’il soit le jour de la construction : nommez une version pour que l’image se construise de la même façon demain, par exemple FROM ${example}.`,
  },
  workdir: {
    expected: (workdir) => `WORKDIR ${workdir} (avant CMD)`,
    expectedAny: 'un WORKDIR de votre choix (par exemple WORKDIR /app) avant CMD',
    seen: (quoted, final) => `${quoted} (le conteneur s’exécute donc dans ${final})`,
    none: 'aucune instruction WORKDIR (le conteneur s’exécute dans /)',
    fix: (workdir) => `Ajoutez \`WORKDIR ${workdir}\` juste après FROM : cette instruction crée le dossier et en fait le répertoire courant pour COPY, RUN et CMD.`,
    fixAny: 'Ajoutez un WORKDIR juste après FROM, par exemple `WORKDIR /app` : cette instruction crée le dossier et en fait le répertoire courant pour COPY, RUN et CMD.',
  },
  copy: {
    preferCopy: (appFile) =>
      `ADD fonctionne ici, mais COPY est préférable pour les fichiers locaux : ADD sait aussi télécharger des URL et décompresser des archives. Écrivez : COPY ${appFile} .`,
    expected: (appFile, workdir, target) => `COPY ${appFile} . (après WORKDIR ${workdir}), pour que le fichier soit à ${target}`,
    putsAt: (quoted, appFile, at, stillRoot) =>
      `${quoted} place ${appFile} à ${at}${stillRoot ? ' (le répertoire de travail est encore / à cette ligne)' : ''}`,
    noneCopies: (quoted, appFile) => `${quoted} (aucune de ces instructions ne copie ${appFile})`,
    none: 'aucune instruction COPY : l’image ne contient pas votre code',
    fixTooEarly: (workdir, appFile, dir) => `Placez WORKDIR ${workdir} au-dessus de la ligne COPY, ou écrivez COPY ${appFile} ${dir}/`,
    fix: (appFile, workdir, module) =>
      `Ajoutez \`COPY ${appFile} .\` après WORKDIR ${workdir} ; uvicorn cherche ${module}.py dans le répertoire de travail.`,
    fixNoWorkdir: (appFile, module) =>
      `Choisissez un répertoire de travail (par exemple WORKDIR /app) et copiez-y l’application avec \`COPY ${appFile} .\` ; uvicorn cherche ${module}.py dans le répertoire de travail.`,
  },
  pip: {
    unread: (file) => `l’instruction installe à partir de ${file}, qui n’est pas dans votre rendu`,
    none: 'aucune instruction RUN pip install',
    missing: (missing, unread, line) =>
      `${list(missing)} ${missing.length > 1 ? 'ne sont pas installés' : 'n’est pas installé'}${unread.length ? ` (${unread.join(' ; ')})` : ''}. Installez-les tous dans une seule instruction : ${line}`,
    absent: (packages, line) =>
      `Sans cette instruction, il manque ${list(packages)} dans l’image, et le conteneur échoue avec : exec: "uvicorn": executable file not found in $PATH. Ajoutez : ${line}`,
  },
  cmd: {
    none: 'aucune instruction CMD',
    withoutCmd: (exec) => `Sans CMD, l’image python lance une invite Python, qui se termine aussitôt. Ajoutez : ${exec}`,
    entrypoint: (line) =>
      `La ligne ${line} démarre le serveur avec ENTRYPOINT, là où le TP demande CMD : avec un ENTRYPOINT, \`docker run <image> <commande>\` passe la commande à uvicorn comme arguments au lieu de l’exécuter.`,
    singleQuotes: (line, raw) =>
      `La ligne ${line} ressemble à la forme exec mais utilise des guillemets simples : la forme exec est du JSON, qui n’accepte que les guillemets doubles, donc Docker revient à la forme shell et lance /bin/sh -c "${raw}", qui échoue.`,
    invalidJson: (line) =>
      `La ligne ${line} commence par [ mais n’est pas du JSON valide (vérifiez les virgules, le ] final et que rien ne le suit), donc Docker l’exécute en forme shell.`,
    shellForm: (line, raw) =>
      `La ligne ${line} est en forme shell : Docker l’exécute comme /bin/sh -c "${raw}", donc /bin/sh est le PID 1 et uvicorn son processus enfant. /bin/sh ne transmet pas SIGTERM, donc \`docker stop\` attend 10 s puis tue le conteneur (code de sortie 137).`,
    useExec: (problems, exec) => `${problems.join(' ')} Utilisez la forme exec (un tableau JSON, avec des guillemets doubles) : ${exec}`,
    notUvicorn: (argv, exec) =>
      `Le conteneur lance \`${argv.join(' ') || '(rien)'}\` ; le TP demande de démarrer le serveur directement avec uvicorn : ${exec}`,
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
    write: (problems, exec) => `${problems.join(' ')} Écrivez : ${exec}`,
  },
}
