import type { Catalogue } from '../en/index.js'

export const ex2: Catalogue['ex2'] = {
  suite: 'Exercice 2 — images et conteneurs',
  dockerRun: (args) => `docker run <votre image> ${args}`,
  oneShot: {
    stillRunning: {
      message: (shown, seconds) => `Le conteneur de ${shown} tournait encore au bout de ${seconds} s.`,
      expected: 'le conteneur s’arrête de lui-même dès que sa commande (PID 1) se termine',
      seen: 'il a continué de tourner',
      fix: 'Un ENTRYPOINT qui démarre un serveur reçoit en arguments la commande que vous donnez ; laissez le serveur dans CMD pour que `docker run <image> <commande>` le remplace.',
    },
    wrongOutput: {
      message: (shown, output) => `${shown} n’a pas affiché « ${output} » en se terminant avec le code 0.`,
      expected: (output) => `sortie « ${output} », Exited (0)`,
      seen: (exitCode, output) => `Exited (${exitCode}), sortie : ${output}`,
      fix: 'L’image doit avoir python dans son PATH (FROM python:3.13-slim) et aucun ENTRYPOINT qui avale la commande.',
    },
  },
  sharedKernel: {
    message: 'uname -r dans le conteneur n’a pas affiché le noyau de l’hôte Docker.',
    noOutput: (exitCode) => `aucune sortie (code de sortie ${exitCode ?? 'aucun : il tourne encore'})`,
    fix: 'Un conteneur partage le noyau de l’hôte ; lancez `uname -r` comme commande du conteneur, sans ENTRYPOINT autour.',
  },
}
