import type { Tp1Catalogue as Catalogue } from '../en/index.js'
import { instructionTitles } from '../en/rubric.js'

const listed = (values: readonly string[]) => (new Set(values).size === 1 ? values[0]! : `${values.slice(0, -1).join(', ')} et ${values.at(-1)}`)

export const rubric: Catalogue['rubric'] = {
  title: 'TP1 — Docker : images, conteneurs, Compose',
  checks: (e) => ({
    'ex1.engine': 'Docker Engine répond (versions du moteur, de Compose et de l’API relevées)',
    'ex2.one-shot': 'une commande ponctuelle dans l’image affiche sa sortie et le conteneur s’arrête seul avec le code 0',
    'ex2.shared-kernel': 'uname -r dans l’image affiche le noyau de l’hôte Docker',
    'ex3.health-route': `${e.appFile} déclare GET ${e.healthPath} qui renvoie ${JSON.stringify(e.healthBody)}`,
    'ex3.dockerfile': 'le Dockerfile contient les cinq instructions demandées',
    'ex3.report-files': 'les fichiers recopiés dans le compte rendu (3.a, 3.b, 5.b) sont ceux rendus (indicatif)',
    'ex3.build': 'le Dockerfile se construit',
    'ex3.image': `l’image exécute Python ${e.baseImage.pythonMajor}, contient ${e.appFile} dans son répertoire de travail${e.workdir ? ` ${e.workdir}` : ''}, et ${e.pipPackages.join(' et ')} s’importent`,
    'ex4.health': `l’API répond à GET ${e.healthPath} par 200 ${JSON.stringify(e.healthBody)} sur son port publié`,
    'ex4.listen-all': `le serveur écoute sur ${e.apiHost}:${e.apiPort} dans le conteneur`,
    'ex4.ps': 'docker ps liste le conteneur en marche avec son port ; après docker stop, seul ps -a le liste, arrêté (Exited)',
    'ex4.graceful-stop': 'docker stop arrête proprement le conteneur : le serveur traite SIGTERM et sort avec le code 0, sans être tué',
    'ex5.compose-valid': 'le fichier Compose est du YAML valide et un fichier Compose valide',
    'ex5.services': `les services ${e.services.db} et ${e.services.api} sont déclarés comme demandé`,
    'ex5.ports': `${e.services.db} publie ${e.dbPort}:${e.dbPort} et ${e.services.api} publie ${e.apiPort}:${e.apiPort}`,
    'ex5.up': `après compose up, ${e.services.db} et ${e.services.api} tournent et restent démarrés`,
    'ex5.api-health': `le service ${e.services.api} répond à GET ${e.healthPath} par 200 ${JSON.stringify(e.healthBody)}`,
    'ex5.down': 'compose down ne laisse aucun conteneur ni réseau du projet',
    'ex6.credentials': `POSTGRES_USER, POSTGRES_PASSWORD et POSTGRES_DB valent ${listed([e.db.user, e.db.password, e.db.database])}`,
    'ex6.connect': `un client PostgreSQL se connecte à ${e.services.db} en ${e.db.user}/${e.db.password}, base ${e.db.database}`,
    'ex6.version': `le serveur PostgreSQL est en version ${e.postgresMajor}`,
    'ex6.database': `current_database() et current_user valent ${listed([e.db.database, e.db.user])}`,
    'ex6.psql-exec': `psql -U ${e.db.user} -d ${e.db.database} dans le conteneur ${e.services.db} répond à une requête`,
    'ex6.service-dns': `depuis ${e.services.api}, l’hôte ${e.services.db} accepte une connexion TCP sur le port ${e.dbPort}`,
    'ex7.logs': `les journaux du service ${e.services.api} montrent les lignes de démarrage d’uvicorn`,
    'ex7.exec': `dans le conteneur ${e.services.api} en marche : ${e.appFile} dans le répertoire de travail, Python ${e.baseImage.pythonMajor}`,
    'ex7.restart': `redémarrer ${e.services.api} seul garde le même conteneur, laisse ${e.services.db} tranquille, et ${e.healthPath} répond à nouveau`,
  }),
  items: (e) => ({
    // The first four are Dockerfile instructions: the same in every language.
    'ex3.dockerfile': {
      ...instructionTitles(e),
      workdir: e.workdir ? `WORKDIR ${e.workdir}` : 'WORKDIR fixe le répertoire de travail',
      copy: `COPY place ${e.appFile} dans le répertoire de travail`,
      cmd: `CMD en forme exec lance uvicorn ${e.appModule} sur ${e.apiHost} port ${e.apiPort}`,
    },
    'ex5.services': {
      'db-image': `${e.services.db} utilise postgres:${e.postgresMajor}`,
      'api-build': `${e.services.api} se construit depuis ${e.services.apiBuildContext}, qui contient un Dockerfile`,
      'api-depends-on-db': `${e.services.api} dépend de ${e.services.db}`,
    },
  }),
}
