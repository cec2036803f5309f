import { session } from './session.js'
import type { Tp1Catalogue as Catalogue } from '../en/index.js'
import { execFormCmd } from '../en/ex4.js'
import { lab } from '../../../../core/i18n/fr/lab.js'

/** A duration in seconds with one decimal, French style (2,5). */
const decimal = (seconds: number) => seconds.toFixed(1).replace('.', ',')

const apiContainer = 'le conteneur de l’API'

export const ex4: Catalogue['ex4'] = {
  health: {
    stopped: (exit, app) => ({
      message: 'Le conteneur de l’API s’est arrêté au lieu de répondre aux requêtes.',
      ...session.exited(apiContainer, exit, app),
    }),
    noAnswer: (got, listening, wanted) => ({
      message: `GET ${wanted.path} sur le port publié n’a reçu aucune réponse : ${lab.connection(got)}.`,
      expected: `HTTP 200 ${wanted.body} en moins de ${wanted.seconds} s`,
      seen: `aucune réponse ; dans le conteneur, ${lab.listening.seen(listening)}`,
      fix: lab.listening.fix(listening, wanted.host) ?? 'Lisez le journal ci-dessous.',
    }),
    wrongAnswer: (answer, wanted) => ({
      message: `GET ${wanted.path} a répondu ${answer.status} ${answer.body.slice(0, 200)}.`,
      expected: `200 ${wanted.body}`,
      seen: `${answer.status} ${answer.body.slice(0, 500)}`,
      fix: answer.status === 404
        ? `Il n’y a pas de route ${wanted.path} : déclarez @${wanted.appModule.split(':')[1]}.get("${wanted.path}") dans ${wanted.appFile}.`
        : `La route doit renvoyer exactement le dictionnaire ${wanted.body}.`,
    }),
  },
  listenAll: {
    stopped: (exit, app) => ({
      message: 'Le conteneur de l’API s’est arrêté : plus aucun serveur à l’écoute.',
      ...session.exited(apiContainer, exit, app),
    }),
    notEverywhere: (listening, port, host) => {
      const fix = lab.listening.fix(listening, host)
      return {
        message: `Dans le conteneur, ${lab.listening.seen(listening)}.`,
        expected: `à l’écoute sur ${host}:${port} (toutes les interfaces), pour que le port publié l’atteigne`,
        seen: lab.listening.seen(listening),
        ...(fix ? { fix } : {}),
      }
    },
    unreadable: (command, outcome) => ({
      message: `Le correcteur n’a pas pu voir sur quoi le serveur écoute : dans le conteneur, \`${command}\` ${'timedOutSeconds' in outcome ? `ne s’est pas terminé en ${outcome.timedOutSeconds} s` : 'a échoué'}.`,
      expected: `\`${command}\` affiche dans le conteneur la table des sockets du noyau et se termine`,
      seen: 'timedOutSeconds' in outcome ? `toujours en cours après ${outcome.timedOutSeconds} s` : `code de sortie ${outcome.exitCode}${outcome.output ? ` : ${outcome.output}` : ''}`,
      fix: 'L’image doit garder les commandes usuelles de l’image de base : vérifiez qu’elle a cat et qu’aucune étape du Dockerfile ne le remplace (ni ne place un autre cat en tête du PATH).',
    }),
  },
  ps: {
    notListed: (exit, app) => ({
      message: 'docker ps n’a pas listé le conteneur : il ne tournait pas.',
      ...session.exited(apiContainer, exit, app),
    }),
    notPublished: (port) => ({
      message: `docker ps a listé le conteneur sans le port ${port} publié.`,
      expected: `PORTS affiche 0.0.0.0:<port de l’hôte>->${port}/tcp`,
      seen: 'aucun port publié',
      fix: `Ajoutez EXPOSE ${port} si vous le souhaitez, mais surtout lancez-le avec -p ${port}:${port}.`,
    }),
    notExited: (state) => ({
      message: 'Après docker stop, docker ps -a n’a pas montré le conteneur comme arrêté (Exited).',
      expected: 'absent de docker ps, listé par docker ps -a comme arrêté (Exited)',
      seen: state ? `docker ps -a l’affiche à l’état ${state}` : 'docker ps -a ne l’affiche pas',
    }),
  },
  gracefulStop: {
    notGraceful: (seconds, exit, grace, e) => ({
      message: `docker stop a pris ${decimal(seconds)} s et le conteneur s’est arrêté avec le code ${lab.exitCode(exit)}.`,
      expected: `code de sortie 0 : le serveur traite SIGTERM et s’arrête avant la fin du délai de grâce de ${grace} s`,
      seen: `${decimal(seconds)} s, code de sortie ${exit.code}`,
      fix: exit.code === 137
        ? `Écrivez CMD en forme exec : ${execFormCmd(e)}. En forme shell, /bin/sh est le PID 1 et ne transmet pas SIGTERM à uvicorn : docker stop attend donc ${grace} s, puis le tue (137).`
        : 'Écrivez CMD en forme exec pour qu’uvicorn soit le PID 1, reçoive SIGTERM et s’arrête proprement.',
    }),
    signalDropped: (signal, command, grace, e) => ({
      message: `Le PID 1 du conteneur (${command}) ne traite pas ${signal} : docker stop attend ${grace} s pour rien, puis le tue (code de sortie 137).`,
      expected: `code de sortie 0 : le serveur traite ${signal} et s’arrête avant la fin du délai de grâce de ${grace} s`,
      seen: `PID 1 : ${command}, sans gestionnaire de ${signal}`,
      fix: /^(\/bin\/)?(ba|da)?sh -c /.test(command)
        ? `Écrivez CMD en forme exec : ${execFormCmd(e)}. En forme shell, /bin/sh est le PID 1 et ne transmet pas ${signal} à uvicorn : docker stop attend donc ${grace} s, puis le tue (137).`
        : `Faites du serveur le PID 1 avec CMD en forme exec (${execFormCmd(e)}) : il reçoit alors ${signal} et s’arrête proprement.`,
    }),
  },
}
