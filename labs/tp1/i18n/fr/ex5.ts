import { session } from './session.js'
import type { Tp1Catalogue as Catalogue } from '../en/index.js'
import { contextFolder } from '../en/ex5.js'
import { compose } from '../../../../core/i18n/fr/compose.js'
import { lab } from '../../../../core/i18n/fr/lab.js'

const mapping = (m: { published?: string; target: number }) => `${m.published ?? '(aléatoire)'}:${m.target}`
const missingService = (service: string, services: readonly string[]) => `aucun service nommé « ${service} » (services : ${services.join(', ') || 'aucun'})`
const where = (v: { service: string }, what: string) => (v.service ? `${v.service} : ${what}` : what)
const theContainer = (service: string) => `le conteneur ${service}`

export const ex5: Catalogue['ex5'] = {
  theContainer,
  file: {
    missing: (names, folder, apiContext) => ({
      message: 'Votre rendu ne contient aucun fichier Compose.',
      expected: `l’un des fichiers ${names.join(', ')} dans ${folder}`,
      seen: 'aucun d’eux',
      fix: `Enregistrez votre fichier Compose sous le nom docker-compose.yml, à côté du dossier ${contextFolder(apiContext)}/.`,
    }),
    empty: (file, services) => ({
      message: `${file} est vide : il ne déclare aucun service.`,
      expected: `les services ${services.db} et ${services.api} de la question 5.b`,
      seen: 'un fichier vide (ou seulement des commentaires)',
      fix: `Écrivez le fichier Compose de la question 5.b dans ${file}, puis vérifiez-le avec docker compose config.`,
    }),
    invalid: (file, error, services) => ({
      message: `${file} est du YAML valide, mais pas un fichier Compose valide.`,
      expected: 'docker compose config accepte le fichier',
      seen: error ?? 'aucune configuration',
      fix: `Vérifiez le nom des clés et leur imbrication par rapport à l’énoncé : services → ${services.db} / ${services.api} → image, build, environment, ports, depends_on.`,
    }),
    refused: (violations) => ({
      message: `Le correcteur refuse de lancer ce projet Compose : ${violations.map((v) => (v.service ? `service « ${v.service} », ${v.key}` : v.key)).join(' ; ')}.`,
      expected: 'des services qui n’ont besoin d’aucun pouvoir particulier sur la machine et n’utilisent que des fichiers du rendu',
      seen: violations.map((v) => where(v, compose.refusal(v.reason))).join('\n'),
      fix: 'Retirez ces clés ou ces valeurs : l’énoncé n’en demande aucune. Rien de ce projet n’a été lancé.',
    }),
    dbImage: (db, major, service, services) => ({
      expected: `un service « ${db} » avec image: postgres:${major}`,
      seen: service ? `image: ${service.image ?? '(aucune)'}` : missingService(db, services),
      fix: `Sous services: → ${db}:, écrivez image: postgres:${major}. Fixez la version majeure : postgres ou postgres:latest peut passer à une autre version.`,
    }),
    apiBuild: (api, context, seen, appFile) => ({
      expected: `un service « ${api} » avec build: ${context}, et un Dockerfile dans ce dossier`,
      seen: seen.kind === 'no-service'
        ? missingService(api, seen.services)
        : seen.kind === 'no-build'
          ? `« ${api} » n’a pas de clé build: (image: ${seen.image ?? 'aucune'})`
          : `contexte de construction ${seen.context}${seen.noDockerfile ? ', qui ne contient pas de Dockerfile' : ''}`,
      fix: `Écrivez build: ${context} sous ${api}:, et placez le Dockerfile et le ${appFile} de l’API dans ce dossier.`,
    }),
    dependsOn: (api, db, dependsOn) => ({
      expected: `${api}.depends_on contient ${db}`,
      seen: dependsOn.length ? `depends_on: ${dependsOn.join(', ')}` : 'pas de depends_on',
      fix: `Sous ${api}:, ajoutez depends_on: avec - ${db}, pour que Compose démarre d’abord la base de données.`,
    }),
    ports: (problems, e) => ({
      message: `Les ports publiés ne sont pas ceux que demande l’énoncé : ${problems.map((p) => p.service).join(' et ')}.`,
      expected: `${e.services.db}: "${e.dbPort}:${e.dbPort}", ${e.services.api}: "${e.apiPort}:${e.apiPort}" (HÔTE:CONTENEUR)`,
      seen: problems
        .map((p) => `${p.service} : ${p.mappings.length ? p.mappings.map(mapping).join(', ') : 'aucun port'} (port ${p.target} du conteneur ${p.publishedElsewhere ? 'publié sur un autre port de l’hôte' : 'non publié'})`)
        .join(' ; '),
      fix: `Sous chaque service, écrivez ports: avec une entrée "HÔTE:CONTENEUR" entre guillemets, par exemple - "${e.apiPort}:${e.apiPort}".`,
    }),
  },
  up: {
    timeout: (reason, seconds, apiContext) => ({
      message: `${reason}.`,
      expected: `docker compose up se termine en moins de ${seconds} s`,
      seen: 'toujours en cours de construction ou de démarrage',
      fix: `Chaque étape RUN de ${contextFolder(apiContext)}/Dockerfile doit se terminer : lancez le serveur avec CMD, jamais avec RUN.`,
    }),
    failed: (failure, services) => ({
      message: `docker compose up a échoué.${failure.partly ? ' Les services qui n’ont pas besoin d’être construits ont été démarrés seuls, pour que leurs vérifications soient quand même notées.' : ''}`,
      expected: `docker compose up --build démarre ${services.db} et ${services.api}`,
      seen: failure.output,
      fix: failure.build
        ? `L’image ${services.api} ne s’est pas construite : lancez docker compose build ${services.api} et lisez la première erreur.`
        : 'Lancez docker compose up dans le dossier de votre rendu et lisez la première erreur.',
    }),
    buildFailed: (failure, limits) => ({
      message: `L’image ${failure.service} ne s’est pas construite${failure.step ? ` à l’étape « ${failure.step} »` : ''}${
        failure.limit === 'time' ? ` : la construction a atteint sa limite de temps (${limits.seconds} s)` : failure.limit === 'memory' ? ` : une étape RUN a atteint la limite de mémoire d’une construction (${limits.megabytes} Mo)` : ''
      }.${failure.partly ? ' Les services qui n’ont pas besoin d’être construits ont été démarrés seuls, pour que leurs vérifications soient quand même notées.' : ''}`,
      expected: `docker compose build ${failure.service} réussit en moins de ${limits.seconds} s, chaque étape RUN dans ${limits.megabytes} Mo de mémoire`,
      seen: failure.error ?? 'la construction s’est terminée sans image',
      fix: failure.limit === 'time'
        ? `Chaque étape RUN de ${failure.dockerfile} doit se terminer : lancez le serveur avec CMD, jamais avec RUN.`
        : failure.limit === 'memory'
          ? `Une étape RUN de ${failure.dockerfile} a utilisé trop de mémoire : installer les paquets du TP en demande bien moins ; cherchez une étape qui alloue ou télécharge sans limite.`
          : `Lancez docker compose build ${failure.service} dans le dossier de votre rendu et lisez la première erreur.`,
    }),
    noContainer: (service) => ({
      message: `Compose n’a créé aucun conteneur pour « ${service} ».`,
      expected: `un conteneur ${service} en marche`,
      seen: 'aucun',
    }),
    stopped: (service, exit, app) => ({
      message: `Le conteneur ${service} s’est arrêté après compose up.`,
      ...session.exited(theContainer(service), exit, app),
    }),
  },
  apiHealth: {
    noAnswer: (api, got, e) => {
      const folder = contextFolder(e.services.apiBuildContext)
      return {
        message: `Le service ${api} n’a pas répondu à GET ${e.healthPath} par 200 ${JSON.stringify(e.healthBody)}.`,
        expected: `200 ${JSON.stringify(e.healthBody)}`,
        seen: lab.unanswered(got),
        fix: `Vérifiez ${folder}/${e.appFile} et le CMD de ${folder}/Dockerfile (uvicorn ${e.appModule} --host ${e.apiHost} --port ${e.apiPort}).`,
      }
    },
    otherTarget: (api, port, target, got) => ({
      message: `Le service ${api} publie le port ${port} de l’hôte vers le port ${target} du conteneur, où rien ne répond : curl localhost:${port} n’atteint rien.`,
      expected: `"${port}:${port}" : le port ${port} de l’hôte vers le port ${port} du conteneur, où écoute uvicorn`,
      seen: `"${port}:${target}" : ${lab.unanswered(got)}`,
      fix: `Dans ports:, le second nombre est le port dans le conteneur, celui où écoute uvicorn (--port ${port}) : écrivez "${port}:${port}".`,
    }),
  },
  down: {
    leftBehind: (containers, networks) => ({
      message: 'docker compose down a laissé des éléments du projet derrière lui.',
      expected: 'aucun conteneur et aucun réseau du projet',
      seen: [...containers.map((c) => `conteneur ${c}`), ...networks.map((n) => `réseau ${n}`)].join(', '),
      fix: 'docker compose down supprime ce que Compose a créé, mais pas les réseaux externes ni les conteneurs lancés à la main : laissez Compose créer le réseau du projet (pas de external: true).',
    }),
  },
}
