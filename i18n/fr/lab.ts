import type { Catalogue } from '../en/index.js'

export const lab: Catalogue['lab'] = {
  listening: {
    all: (port) => `le serveur écoute sur 0.0.0.0:${port}`,
    onlyOn: (addresses) => `le serveur écoute sur ${addresses} seulement`,
    loopbackFix: (address) => `${address} est l’interface de bouclage (loopback) propre au conteneur : rien à l’extérieur du conteneur ne peut l’atteindre. Lancez uvicorn avec --host 0.0.0.0.`,
    otherPort: (addresses, port) => `le serveur écoute sur ${addresses}, pas sur le port ${port}`,
    otherPortFix: (port) => `Le TP publie le port ${port} du conteneur (-p ${port}:${port}) : lancez uvicorn avec --port ${port}.`,
    nothing: 'aucun port TCP n’est à l’écoute',
    nothingFix: 'Le serveur n’a pas démarré : lisez le journal ci-dessous (une erreur d’import ? un mauvais nom de module dans CMD ?).',
  },
  exited: {
    expected: (what) => `${what} reste en marche`,
    seen: (exitCode) => `il s’est arrêté avec le code ${exitCode}`,
    fixImport: 'uvicorn n’a pas pu importer votre application : la partie avant ":" dans app:app doit être le nom du fichier Python (app.py → app), et ce fichier doit se trouver dans le répertoire de travail.',
    fixNotInstalled: 'La commande de CMD n’est pas installée dans l’image : RUN pip install fastapi uvicorn.',
    fixReadLog: 'Lisez le journal ci-dessous : la première ligne d’erreur dit pourquoi il s’est arrêté.',
  },
  exitCode: {
    oomKilled: (code) => `${code} : tué faute de mémoire (out of memory)`,
    finished: '0 : il s’est terminé normalement',
    error: '1 : le programme s’est arrêté sur une erreur (lisez le journal ci-dessous)',
    misuse: '2 : la commande a été mal utilisée (une option ou un argument incorrect)',
    notExecutable: '126 : la commande a été trouvée mais n’a pas pu être exécutée (droits, ou ce n’est pas un programme)',
    notFound: '127 : commande introuvable (une faute de frappe dans CMD, ou le programme n’est pas installé dans l’image)',
    sigkill: '137 : tué par SIGKILL (par docker stop après le délai de grâce, ou faute de mémoire)',
    segfault: '139 : plantage (erreur de segmentation)',
    sigterm: '143 : arrêté par SIGTERM, sans le gérer',
    signal: (code, signal) => `${code} : tué par le signal ${signal}`,
    failed: (code) => `${code} : le programme s’est arrêté sur une erreur`,
  },
  connection: {
    refused: 'la connexion a été refusée (rien n’écoute sur ce port)',
    closed: 'la connexion a été fermée sans réponse (rien n’écoute dans le conteneur là où le port est publié)',
    timeout: 'aucune réponse dans le délai imparti',
  },
  postgres: {
    wrongPassword: (user, password) => `Mettez POSTGRES_USER: ${user} et POSTGRES_PASSWORD: ${password} sous db.environment. Si vous les avez changés après un premier démarrage, l’ancien volume de données garde les anciens : lancez une fois docker compose down -v.`,
    noDatabase: (database) => `Mettez POSTGRES_DB: ${database} sous db.environment pour que PostgreSQL crée la base à son premier démarrage.`,
    noRole: (user) => `Le rôle "${user}" n’existe pas : mettez POSTGRES_USER: ${user} sous db.environment.`,
    other: 'Vérifiez que le service db tourne (docker compose ps) et lisez ses journaux (docker compose logs db).',
  },
  session: {
    imageBlocked: 'Vérification non lancée : l’image ne s’est pas construite (voir ex3.build).',
    apiStart: {
      message: 'Docker n’a pas pu démarrer un conteneur de votre image.',
      expected: 'docker run -p 8000:8000 <votre image> démarre l’API',
      fixNotInstalled: 'CMD lance un programme qui n’est pas installé dans l’image : ajoutez RUN pip install fastapi uvicorn avant CMD.',
      fix: 'Lancez l’image à la main (docker run <image>) et lisez l’erreur.',
    },
    apiBlocked: 'Vérification non lancée : le conteneur n’a pas pu démarrer (voir ex4.health).',
    composeBlocked: 'Vérification non lancée : le fichier Compose est absent ou invalide (voir ex5.compose-valid).',
    policyRefused: (keys) => `Vérification non lancée : le correcteur refuse de lancer ce projet Compose (${keys} ; voir ex5.compose-valid).`,
    upBlocked: 'Vérification non lancée : docker compose up a échoué (voir ex5.up).',
  },
  buildTimedOut: (seconds) => `la construction ne s’est pas terminée en ${seconds} s`,
  composeUpTimedOut: (seconds) => `docker compose up ne s’est pas terminé en ${seconds} s`,
}
