import type { ExampleWords } from '../en/index.js'
import { lab } from '../../../../core/i18n/fr/lab.js'

/** Les mots propres au TP d'exemple, en français. */
export const fr: ExampleWords = {
  rubric: {
    title: 'TP d’exemple — un site statique dans un conteneur',
    checks: (e) => ({
      'ex1.expose': `le Dockerfile déclare le port où écoute le site (EXPOSE ${e.port})`,
      'ex1.build': 'le Dockerfile se construit',
      'ex1.serves': `un conteneur de l’image répond à GET / sur le port ${e.port} par une page qui dit « ${e.greeting} »`,
      'ex2.up': `après compose up, ${e.services.web} et ${e.services.backend} tournent et ${e.services.web} répond sur le port ${e.port}`,
      'ex2.service-dns': `depuis ${e.services.web}, http://${e.services.backend}:${e.backendPort}${e.backendPath} répond « ${e.backendAnswer} »`,
    }),
  },
  session: {
    blocked: {
      image: (by) => `Vérification non lancée : l’image ne s’est pas construite (voir ${by}).`,
      composeFile: (by) => `Vérification non lancée : le fichier Compose est absent ou invalide (voir ${by}).`,
      stack: (by) => `Vérification non lancée : docker compose up a échoué (voir ${by}).`,
    },
  },
  ex1: {
    noDockerfile: (searched) => ({
      message: 'Il n’y a pas de Dockerfile dans le rendu.',
      expected: `un Dockerfile à côté d’index.html, dans ${searched.join(' ou ')}`,
      fix: 'Écrivez le Dockerfile de l’exercice 1 à côté de l’index.html du site.',
    }),
    expose: (port, seen) => ({
      message: seen.length ? `Le Dockerfile expose ${seen.join(', ')}, pas ${port}.` : 'Le Dockerfile n’expose aucun port.',
      expected: `EXPOSE ${port}`,
      seen: seen.length ? `EXPOSE ${seen.join(' ')}` : 'aucune instruction EXPOSE',
      fix: `Ajoutez EXPOSE ${port} : il documente le port où écoute le site, et docker run -P le publie.`,
    }),
    buildFailed: (step, error) => ({
      message: `L’image ne s’est pas construite${step ? ` à ${step}` : ''}.`,
      expected: 'docker build réussit',
      seen: error ?? 'la construction a échoué',
      fix: 'Lancez docker build sur le dossier du Dockerfile et lisez la première erreur affichée.',
    }),
    startFailed: (seen) => ({
      message: 'Docker n’a pas pu démarrer un conteneur de votre image.',
      expected: 'docker run -p 8080:8080 <votre image> démarre le site',
      seen,
      fix: 'Lancez l’image à la main (docker run <image>) et lisez l’erreur : CMD nomme-t-il un programme de l’image ?',
    }),
    noAnswer: (got, e) => ({
      message: `Le site ne répond pas à GET / sur le port ${e.port} par sa page.`,
      expected: `200 et une page qui dit « ${e.greeting} »`,
      seen: lab.unanswered(got),
      fix: `Démarrez le serveur sur le port ${e.port} dans CMD (httpd -f -p ${e.port} -h <dossier d’index.html>), et copiez index.html dans l’image.`,
    }),
  },
  ex2: {
    noCompose: (names) => ({
      message: 'Il n’y a pas de fichier Compose dans le rendu.',
      expected: `un fichier Compose (${names.join(', ')}) avec les services de l’exercice 2`,
      fix: 'Écrivez compose.yaml à la racine du rendu.',
    }),
    invalid: (error) => ({
      message: `Le fichier Compose n’est pas valide : ${error}`,
      expected: 'un fichier Compose que docker compose config accepte',
      seen: error,
      fix: 'Lancez docker compose config et corrigez ce qu’il signale.',
    }),
    refused: (keys) => ({
      message: `Le correcteur refuse de lancer ce projet Compose (${keys}).`,
      expected: 'des services sans privilège ni accès à l’hôte',
      seen: keys,
      fix: 'Retirez ce qui donne aux conteneurs des privilèges ou un accès à l’hôte.',
    }),
    upFailed: (output) => ({
      message: 'docker compose up a échoué.',
      expected: 'docker compose up démarre tous les services',
      seen: output,
      fix: 'Lancez docker compose up et lisez sa première erreur.',
    }),
    noContainer: (service) => ({
      message: `Compose n’a créé aucun conteneur ${service}.`,
      expected: `un service nommé ${service}`,
      fix: `Nommez le service ${service} sous services: dans le fichier Compose.`,
    }),
    stopped: (service, exited) => ({
      message: `Le conteneur ${service} s’est arrêté.`,
      expected: `${service} reste en marche`,
      seen: `il s’est arrêté avec le code ${lab.exitCode(exited.exit)}`,
      fix: `Lisez son journal (docker compose logs ${service}) : sa commande doit garder un serveur au premier plan (httpd -f).`,
    }),
    webNoAnswer: (got, e) => ({
      message: `Le service ${e.services.web} ne répond pas à GET / sur le port ${e.port} par sa page.`,
      expected: `200 et une page qui dit « ${e.greeting} »`,
      seen: lab.unanswered(got),
      fix: `Construisez ${e.services.web} à partir du Dockerfile de l’exercice 1 et publiez ${e.port}:${e.port}.`,
    }),
    dns: (seen, e) => ({
      message: `Depuis ${e.services.web}, http://${e.services.backend}:${e.backendPort}${e.backendPath} ne répond pas « ${e.backendAnswer} ».`,
      expected: e.backendAnswer,
      seen,
      fix: `Mettez ${e.services.web} et ${e.services.backend} sur un même réseau (le réseau par défaut de Compose le fait) : un service en joint un autre par son nom de service.`,
    }),
  },
}
