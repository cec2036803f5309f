import { lab } from '../../../../core/i18n/fr/lab.js'
import type { Tp1Words } from '../en/index.js'

const exitCode = lab.exitCode

export const session: Tp1Words['session'] = {
  blocked: {
    image: (by) => `Vérification non lancée : l’image ne s’est pas construite (voir ${by}).`,
    container: (by) => `Vérification non lancée : le conteneur n’a pas pu démarrer (voir ${by}).`,
    stoppedContainer: (by) => `Vérification non lancée : le conteneur ne tournait pas au moment de l’arrêter (voir ${by}).`,
    composeFile: (by) => `Vérification non lancée : le fichier Compose est absent ou invalide (voir ${by}).`,
    stack: (by) => `Vérification non lancée : docker compose up a échoué (voir ${by}).`,
    login: (by) => `Vérification non lancée : aucune connexion à PostgreSQL n’a réussi (voir ${by}).`,
  },
  apiStart: {
    message: 'Docker n’a pas pu démarrer un conteneur de votre image.',
    expected: 'docker run -p 8000:8000 <votre image> démarre l’API',
    fixNotInstalled: 'CMD lance un programme qui n’est pas installé dans l’image : ajoutez RUN pip install fastapi uvicorn avant CMD.',
    fix: 'Lancez l’image à la main (docker run <image>) et lisez l’erreur.',
  },
  exited: (what, exited, app) => ({
    expected: `${what} reste en marche`,
    seen: `il s’est arrêté avec le code ${exitCode(exited.exit)}`,
    fix: exited.cause === 'import'
      ? `uvicorn n’a pas pu importer votre application : la partie avant ":" dans ${app.appModule} doit être le nom du fichier Python (${app.appFile} → ${app.appModule.split(':')[0]}), et ce fichier doit se trouver dans le répertoire de travail.`
      : exited.cause === 'not-installed'
        ? `La commande de CMD n’est pas installée dans l’image : RUN pip install ${app.pipPackages.join(' ')}.`
        : 'Lisez le journal ci-dessous : la première ligne d’erreur dit pourquoi il s’est arrêté.',
  }),
}
