import type { Catalogue } from '../en/index.js'

const mapping = (m: { published?: string; target: number }) => `${m.published ?? '(aléatoire)'}:${m.target}`

export const ex5: Catalogue['ex5'] = {
  theContainer: (service) => `le conteneur ${service}`,
  file: {
    suite: 'Exercice 5 — le fichier Compose',
    missing: {
      message: 'Votre rendu ne contient aucun fichier Compose.',
      expected: (names, folder) => `l’un des fichiers ${names.join(', ')} dans ${folder}`,
      seen: 'aucun d’eux',
      fix: 'Enregistrez votre fichier Compose sous le nom docker-compose.yml, à côté du dossier api/.',
    },
    empty: {
      message: (file) => `${file} est vide : il ne déclare aucun service.`,
      expected: (db, api) => `les services ${db} et ${api} de la question 5.b`,
      seen: 'un fichier vide (ou seulement des commentaires)',
      fix: (file) => `Écrivez le fichier Compose de la question 5.b dans ${file}, puis vérifiez-le avec docker compose config.`,
    },
    invalid: {
      message: (file) => `${file} est du YAML valide, mais pas un fichier Compose valide.`,
      expected: 'docker compose config accepte le fichier',
      noConfig: 'aucune configuration',
      fix: 'Vérifiez le nom des clés et leur imbrication par rapport à l’énoncé : services → db / api → image, build, environment, ports, depends_on.',
    },
    refused: {
      message: (violations) =>
        `Le correcteur refuse de lancer ce projet Compose : ${violations.map((v) => (v.service ? `service « ${v.service} », ${v.key}` : v.key)).join(' ; ')}.`,
      expected: 'des services qui n’ont besoin d’aucun pouvoir particulier sur la machine et n’utilisent que des fichiers du rendu',
      seen: (violations) => violations.map((v) => (v.service ? `${v.service} : ${v.message}` : v.message)).join('\n'),
      fix: 'Retirez ces clés ou ces valeurs : l’énoncé n’en demande aucune. Rien de ce projet n’a été lancé.',
    },
    missingService: (service, services) => `aucun service nommé « ${service} » (services : ${services.join(', ') || 'aucun'})`,
    dbImage: {
      expected: (db, major) => `un service « ${db} » avec image: postgres:${major}`,
      seen: (image) => `image: ${image ?? '(aucune)'}`,
      fix: (db, major) =>
        `Sous services: → ${db}:, écrivez image: postgres:${major}. Fixez la version majeure : postgres ou postgres:latest peut passer à une autre version.`,
    },
    apiBuild: {
      expected: (api, context) => `un service « ${api} » avec build: ${context}, et un Dockerfile dans ce dossier`,
      noBuild: (api, image) => `« ${api} » n’a pas de clé build: (image: ${image ?? 'aucune'})`,
      context: (context, noDockerfile) => `contexte de construction ${context}${noDockerfile ? ', qui ne contient pas de Dockerfile' : ''}`,
      fix: (api, context) => `Écrivez build: ${context} sous ${api}:, et placez le Dockerfile et le app.py de l’API dans ce dossier.`,
    },
    dependsOn: {
      expected: (api, db) => `${api}.depends_on contient ${db}`,
      seen: (dependsOn) => (dependsOn.length ? `depends_on: ${dependsOn.join(', ')}` : 'pas de depends_on'),
      fix: (api, db) => `Sous ${api}:, ajoutez depends_on: avec - ${db}, pour que Compose démarre d’abord la base de données.`,
    },
    ports: {
      message: (services) => `Les ports publiés ne sont pas ceux que demande l’énoncé : ${services.join(' et ')}.`,
      expected: (db, dbPort, api, apiPort) => `${db}: "${dbPort}:${dbPort}", ${api}: "${apiPort}:${apiPort}" (HÔTE:CONTENEUR)`,
      seen: (problems) =>
        problems
          .map((p) => `${p.service} : ${p.mappings.length ? p.mappings.map(mapping).join(', ') : 'aucun port'} (port ${p.target} du conteneur ${p.publishedElsewhere ? 'publié sur un autre port de l’hôte' : 'non publié'})`)
          .join(' ; '),
      fix: 'Sous chaque service, écrivez ports: avec une entrée "HÔTE:CONTENEUR" entre guillemets, par exemple - "8000:8000".',
    },
  },
  up: {
    suite: 'Exercice 5 — docker compose up',
    timeout: {
      message: (reason) => `${reason}.`,
      expected: (seconds) => `docker compose up se termine en moins de ${seconds} s`,
      seen: 'toujours en cours de construction ou de démarrage',
      fix: 'Chaque étape RUN de api/Dockerfile doit se terminer : lancez le serveur avec CMD, jamais avec RUN.',
    },
    failed: {
      message: (partly) =>
        `docker compose up a échoué.${partly ? ' Les services qui n’ont pas besoin d’être construits ont été démarrés seuls, pour que leurs vérifications soient quand même notées.' : ''}`,
      expected: 'docker compose up --build démarre db et api',
      buildFix: 'L’image api ne s’est pas construite : lancez docker compose build api et lisez la première erreur.',
      fix: 'Lancez docker compose up dans le dossier de votre rendu et lisez la première erreur.',
    },
    noContainer: {
      message: (service) => `Compose n’a créé aucun conteneur pour « ${service} ».`,
      expected: (service) => `un conteneur ${service} en marche`,
      seen: 'aucun',
    },
    stopped: (service) => `Le conteneur ${service} s’est arrêté après compose up.`,
  },
  apiHealth: {
    message: (api, path, body) => `Le service ${api} n’a pas répondu à GET ${path} par 200 ${body}.`,
    fix: (port) => `Vérifiez api/app.py et le CMD de api/Dockerfile (uvicorn app:app --host 0.0.0.0 --port ${port}).`,
    otherTarget: {
      message: (api, hostPort, target) =>
        `Le service ${api} publie le port ${hostPort} de l’hôte vers le port ${target} du conteneur, où rien ne répond : curl localhost:${hostPort} n’atteint rien.`,
      expected: (hostPort, port) => `"${hostPort}:${port}" : le port ${hostPort} de l’hôte vers le port ${port} du conteneur, où écoute uvicorn`,
      seen: (hostPort, target, error) => `"${hostPort}:${target}" : ${error}`,
      fix: (hostPort, port) => `Dans ports:, le second nombre est le port dans le conteneur, celui où écoute uvicorn (--port ${port}) : écrivez "${hostPort}:${port}".`,
    },
  },
  down: {
    suite: 'Exercice 5 — docker compose down',
    message: 'docker compose down a laissé des éléments du projet derrière lui.',
    expected: 'aucun conteneur et aucun réseau du projet',
    seen: (containers, networks) => [...containers.map((c) => `conteneur ${c}`), ...networks.map((n) => `réseau ${n}`)].join(', '),
    fix: 'docker compose down supprime ce que Compose a créé, mais pas les réseaux externes ni les conteneurs lancés à la main : laissez Compose créer le réseau du projet (pas de external: true).',
  },
}
