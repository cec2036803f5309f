import { session } from './session.js'
import type { Tp1Catalogue as Catalogue } from '../en/index.js'
import { contextFolder } from '../en/ex5.js'
import { ex5 } from './ex5.js'
import { lab } from '../../../../core/i18n/fr/lab.js'

export const ex7: Catalogue['ex7'] = {
  logs: {
    stopped: (api, exit, app) => ({
      message: `docker compose logs ${api} ne montre pas le démarrage d’uvicorn : le conteneur s’est arrêté.`,
      ...session.exited(ex5.theContainer(api), exit, app),
    }),
    noStartup: (api, log, e) => ({
      message: `docker compose logs ${api} ne montre pas la ligne de démarrage d’uvicorn.`,
      expected: `« Uvicorn running on http://${e.apiHost}:${e.apiPort} » et « Application startup complete »`,
      seen: log || '(journal vide)',
      fix: `Le conteneur ${api} doit lancer uvicorn (CMD dans ${contextFolder(e.services.apiBuildContext)}/Dockerfile), qui écrit ces lignes dans ses journaux au démarrage.`,
    }),
  },
  exec: (api, probe, dockerfile, e) => ({
    message: `Dans le conteneur ${api} en marche : Python ${probe.version || '?'}, et ${e.appFile} ${probe.present ? 'est' : 'n’est pas'} dans ${probe.cwd || 'le répertoire de travail'}.`,
    expected: `Python ${e.baseImage.pythonMajor} et ${e.appFile} dans le répertoire de travail`,
    seen: probe.exitCode === 0
      ? `Python ${probe.version}, répertoire de travail ${probe.cwd}, ${e.appFile} ${probe.present ? 'présent' : 'absent'}`
      : probe.output,
    fix: `Dans ${dockerfile} : FROM une image Python (par exemple ${e.baseImage.example}), un WORKDIR, puis COPY ${e.appFile} . dedans.`,
  }),
  restart: {
    notSame: (api, id, startedAt) => ({
      message: `docker compose restart ${api} n’a pas redémarré le même conteneur.`,
      expected: 'le même identifiant de conteneur, avec une nouvelle heure de démarrage',
      seen: `identifiant ${id}, démarré à ${startedAt}`,
    }),
    dbRestarted: (api, db, startedAt) => ({
      message: `Redémarrer ${api} a aussi redémarré ${db}.`,
      expected: `${db} laissé tel quel`,
      seen: `${db} redémarré à ${startedAt}`,
      fix: `Rien dans ${db} ne doit dépendre de ${api} : vérifiez depends_on et les politiques de redémarrage (restart).`,
    }),
    stopped: (api, exit, app) => ({
      message: `Après le redémarrage, le conteneur ${api} s’est arrêté.`,
      ...session.exited(ex5.theContainer(api), exit, app),
    }),
    noAnswer: (path, got) => ({
      message: `Après le redémarrage, GET ${path} n’a pas répondu 200.`,
      expected: 'HTTP 200 à nouveau',
      seen: lab.unanswered(got),
    }),
  },
}
