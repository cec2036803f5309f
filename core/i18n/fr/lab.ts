import type { Catalogue } from '../en/index.js'

const exitCode: Catalogue['lab']['exitCode'] = (exit) => {
  switch (exit.kind) {
    case 'oom-killed': return `${exit.code} : tué faute de mémoire (out of memory)`
    case 'finished': return '0 : il s’est terminé normalement'
    case 'error': return '1 : le programme s’est arrêté sur une erreur (lisez le journal ci-dessous)'
    case 'misuse': return '2 : la commande a été mal utilisée (une option ou un argument incorrect)'
    case 'not-executable': return '126 : la commande a été trouvée mais n’a pas pu être exécutée (droits, ou ce n’est pas un programme)'
    case 'not-found': return '127 : commande introuvable (une faute de frappe dans CMD, ou le programme n’est pas installé dans l’image)'
    case 'sigkill': return '137 : tué par SIGKILL (par docker stop après le délai de grâce, ou faute de mémoire)'
    case 'segfault': return '139 : plantage (erreur de segmentation)'
    case 'sigterm': return '143 : arrêté par SIGTERM, que le programme ne gère pas'
    case 'signal': return `${exit.code} : tué par le signal ${exit.signal}`
    case 'failed': return `${exit.code} : le programme s’est arrêté sur une erreur`
  }
}

const connection: Catalogue['lab']['connection'] = (failure) => {
  switch (failure.kind) {
    case 'answered': return `${failure.answer.status} ${failure.answer.body.slice(0, 300)}`
    case 'refused': return 'la connexion a été refusée (rien n’écoute sur ce port)'
    case 'closed': return 'la connexion a été fermée sans réponse (rien n’écoute dans le conteneur là où le port est publié)'
    case 'timeout': return 'aucune réponse dans le délai imparti'
    case 'error': return failure.message
  }
}

const addresses = (sockets: readonly { address: string; port: number }[]) => sockets.map((s) => `${s.address}:${s.port}`).join(', ')

const listening: Catalogue['lab']['listening'] = {
  seen: (listening) => {
    switch (listening.kind) {
      case 'all': return `le serveur écoute sur 0.0.0.0:${listening.port}`
      case 'only-on': return `le serveur écoute sur ${addresses(listening.sockets)} seulement`
      case 'other-port': return `le serveur écoute sur ${addresses(listening.sockets)}, pas sur le port ${listening.port}`
      case 'nothing': return 'aucun port TCP n’est à l’écoute'
    }
  },
  fix: (listening, host) => {
    switch (listening.kind) {
      case 'all': return undefined
      case 'only-on':
        return `${listening.sockets[0]!.address} est l’interface de bouclage (loopback) propre au conteneur : rien à l’extérieur du conteneur ne peut l’atteindre. Lancez uvicorn avec --host ${host}.`
      case 'other-port':
        return `Le TP publie le port ${listening.port} du conteneur (-p ${listening.port}:${listening.port}) : lancez uvicorn avec --port ${listening.port}.`
      case 'nothing': return 'Le serveur n’a pas démarré : lisez le journal ci-dessous (une erreur d’import ? un mauvais nom de module dans CMD ?).'
    }
  },
}

export const lab: Catalogue['lab'] = {
  listening,
  exitCode,
  connection,
  unanswered: (got) => (got.kind === 'not-listening' ? listening.seen(got.listening) : connection(got)),
  postgres: (failure, login, db) => ({
    seen: failure.message,
    fix: {
      'wrong-password': `Mettez POSTGRES_USER: ${login.user} et POSTGRES_PASSWORD: ${login.password} sous ${db}.environment. Si vous les avez changés après un premier démarrage, l’ancien volume de données garde les anciens : lancez une fois docker compose down -v.`,
      'no-database': `Mettez POSTGRES_DB: ${login.database} sous ${db}.environment pour que PostgreSQL crée la base à son premier démarrage.`,
      'no-role': `Le rôle « ${login.user} » n’existe pas : mettez POSTGRES_USER: ${login.user} sous ${db}.environment.`,
      other: `Vérifiez que le service ${db} tourne (docker compose ps) et lisez ses journaux (docker compose logs ${db}).`,
    }[failure.kind],
  }),
  session: {
    noLab: 'Vérification non lancée : le TP est introuvable dans le rendu (voir le haut de la fiche).',
    noDockerfile: 'aucun Dockerfile dans le rendu',
    composeUnreadable: 'son YAML n’a pas pu être lu avec ses clés de fusion (<< doit désigner un dictionnaire)',
    policyRefused: (keys, by) => `Vérification non lancée : le correcteur refuse de lancer ce projet Compose (${keys} ; voir ${by}).`,
    notRunning: (service, by) => `Vérification non lancée : le conteneur ${service} n’est pas en marche (voir ${by}).`,
    noContainer: (service, by) => `Vérification non lancée : Compose n’a créé aucun conteneur ${service} (voir ${by}).`,
  },
  probeTimedOut: (seconds) => `une commande ponctuelle dans l’image ne s’est pas terminée en ${seconds} s (la machine est peut-être surchargée : relancez la correction)`,
  buildTimedOut: (seconds) => `la construction ne s’est pas terminée en ${seconds} s`,
  buildOutOfMemory: (megabytes) => `une étape RUN a été tuée : elle a utilisé plus des ${megabytes} Mo de mémoire permis à une construction`,
  stack: {
    noContainer: (service) => `Compose n’a créé aucun conteneur pour le service « ${service} »`,
    portNotPublished: (port, service) => `le port ${port} de « ${service} » n’est pas publié`,
    downTimedOut: (seconds) => `docker compose down ne s’est pas terminé en ${seconds} s`,
  },
  composeUpTimedOut: (seconds) => `docker compose up ne s’est pas terminé en ${seconds} s`,
  dockerHostUnreachable: (host, reason) => `Docker ne répond pas à DOCKER_HOST=${host} (${reason}). Démarrez Docker Desktop ou le service docker, ou corrigez DOCKER_HOST, puis relancez la correction.`,
  dockerUnreachable: (reason) => `Docker n’est pas démarré ou ne répond pas (${reason}). Démarrez Docker Desktop ou le service docker, puis relancez la correction.`,
}
