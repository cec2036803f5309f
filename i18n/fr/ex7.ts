import type { Catalogue } from '../en/index.js'

export const ex7: Catalogue['ex7'] = {
  suite: 'Exercice 7 — déboguer des conteneurs',
  noContainer: (api) => `Vérification non lancée : Compose n’a créé aucun conteneur ${api} (voir ex5.up).`,
  logs: {
    stopped: (api) => `docker compose logs ${api} ne montre pas le démarrage d’uvicorn : le conteneur s’est arrêté.`,
    noStartup: (api) => `docker compose logs ${api} ne montre pas la ligne de démarrage d’uvicorn.`,
    expected: '« Uvicorn running on http://0.0.0.0:8000 » et « Application startup complete »',
    emptyLog: '(journal vide)',
    fix: 'Le conteneur api doit lancer uvicorn (CMD dans api/Dockerfile), qui écrit ces lignes dans ses journaux au démarrage.',
  },
  exec: {
    message: (api, version, appFile, present, cwd) =>
      `Dans le conteneur ${api} en marche : Python ${version || '?'}, et ${appFile} ${present ? 'est' : 'n’est pas'} dans ${cwd || 'le répertoire de travail'}.`,
    expected: (major, appFile) => `Python ${major} et ${appFile} dans le répertoire de travail`,
    seen: (version, cwd, appFile, present) => `Python ${version}, répertoire de travail ${cwd}, ${appFile} ${present ? 'présent' : 'absent'}`,
    fix: (dockerfile, pythonImage, appFile) => `Dans ${dockerfile} : FROM une image Python (par exemple ${pythonImage}), un WORKDIR, puis COPY ${appFile} . dedans.`,
  },
  restart: {
    notSame: {
      message: 'docker compose restart api n’a pas redémarré le même conteneur.',
      expected: 'le même identifiant de conteneur, avec une nouvelle heure de démarrage',
      seen: (id, startedAt) => `identifiant ${id}, démarré à ${startedAt}`,
    },
    dbRestarted: {
      message: (api, db) => `Redémarrer ${api} a aussi redémarré ${db}.`,
      expected: (db) => `${db} laissé tel quel`,
      seen: (db, startedAt) => `${db} redémarré à ${startedAt}`,
      fix: (db, api) => `Rien dans ${db} ne doit dépendre de ${api} : vérifiez depends_on et les politiques de redémarrage (restart).`,
    },
    stopped: (api) => `Après le redémarrage, le conteneur ${api} s’est arrêté.`,
    noAnswer: {
      message: (path) => `Après le redémarrage, GET ${path} n’a pas répondu 200.`,
      expected: 'HTTP 200 à nouveau',
    },
  },
}
