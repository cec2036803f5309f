import type { Catalogue } from '../en/index.js'

/** A duration in seconds with one decimal, French style (2,5). */
const decimal = (seconds: number) => seconds.toFixed(1).replace('.', ',')

export const ex4: Catalogue['ex4'] = {
  stopSuite: 'Exercice 4 — docker stop, docker ps -a',
  suite: 'Exercice 4 — lancer l’API dans un conteneur',
  apiContainer: 'le conteneur de l’API',
  health: {
    stopped: 'Le conteneur de l’API s’est arrêté au lieu de répondre aux requêtes.',
    noAnswer: {
      message: (path, error) => `GET ${path} sur le port publié n’a reçu aucune réponse : ${error}.`,
      expected: (body, seconds) => `HTTP 200 ${body} en moins de ${seconds} s`,
      seen: (listening) => `aucune réponse ; dans le conteneur, ${listening}`,
      fix: 'Lisez le journal ci-dessous.',
    },
    wrongAnswer: {
      message: (path, status, body) => `GET ${path} a répondu ${status} ${body}.`,
      noRoute: (path) => `Il n’y a pas de route ${path} : déclarez @app.get("${path}") dans app.py.`,
      exactBody: (body) => `La route doit renvoyer exactement le dictionnaire ${body}.`,
    },
  },
  listenAll: {
    stopped: 'Le conteneur de l’API s’est arrêté : plus aucun serveur à l’écoute.',
    message: (listening) => `Dans le conteneur, ${listening}.`,
    expected: (port) => `à l’écoute sur 0.0.0.0:${port} (toutes les interfaces), pour que le port publié l’atteigne`,
  },
  ps: {
    notListed: 'docker ps n’a pas listé le conteneur : il ne tournait pas.',
    notPublished: {
      message: (port) => `docker ps a listé le conteneur sans le port ${port} publié.`,
      expected: (port) => `PORTS affiche 0.0.0.0:<port de l’hôte>->${port}/tcp`,
      seen: 'aucun port publié',
      fix: (port) => `Ajoutez EXPOSE ${port} si vous le souhaitez, mais surtout lancez-le avec -p ${port}:${port}.`,
    },
    notExited: {
      message: 'Après docker stop, docker ps -a n’a pas montré le conteneur comme arrêté (Exited).',
      expected: 'absent de docker ps, listé par docker ps -a comme arrêté (Exited)',
      seen: (state) => (state ? `docker ps -a l’affiche à l’état ${state}` : 'docker ps -a ne l’affiche pas'),
    },
  },
  gracefulStop: {
    blocked: 'Vérification non lancée : le conteneur ne tournait pas au moment de l’arrêter (voir ex4.ps).',
    message: (seconds, exitCode) => `docker stop a pris ${decimal(seconds)} s et le conteneur s’est arrêté avec le code ${exitCode}.`,
    expected: (grace) => `code de sortie 0 : le serveur traite SIGTERM et s’arrête avant la fin du délai de grâce de ${grace} s`,
    seen: (seconds, exitCode) => `${decimal(seconds)} s, code de sortie ${exitCode}`,
    fixShellForm: (grace, exec) =>
      `Écrivez CMD en forme exec : ${exec}. En forme shell, /bin/sh est le PID 1 et ne transmet pas SIGTERM à uvicorn : docker stop attend donc ${grace} s, puis le tue (137).`,
    fixExecForm: 'Écrivez CMD en forme exec pour qu’uvicorn soit le PID 1, reçoive SIGTERM et s’arrête proprement.',
  },
}
