import type { Catalogue } from '../en/index.js'

export const ex2: Catalogue['ex2'] = {
  suite: 'Exercice 2 — images et conteneurs',
  dockerRun: (args) => `docker run <votre image> ${args}`,
  oneShot: {
    notStarted: {
      message: (shown, reason) => `Docker n’a pas pu lancer ${shown} : ${reason}.`,
      expected: (program) => `${program} dans le PATH de l’image`,
      fix: (program) => `${program} doit être dans le PATH de l’image : partez d’une image Python officielle, et complétez le PATH au lieu de le remplacer (ENV PATH=/app:$PATH, et non ENV PATH=/app).`,
    },
    wrongOutput: {
      message: (shown, output) => `${shown} n’a pas affiché « ${output} » en se terminant avec le code 0.`,
      expected: (output) => `sortie « ${output} », Exited (0)`,
      seen: (exitCode, output) => `Exited (${exitCode}), sortie : ${output}`,
      fix: (image) => `L’image doit avoir python dans son PATH : partez d’une image Python officielle (par exemple ${image}) et ne remplacez pas le PATH.`,
    },
  },
  sharedKernel: {
    message: 'uname -r dans le conteneur n’a pas affiché le noyau de l’hôte Docker.',
    noOutput: (exitCode) => `aucune sortie (code de sortie ${exitCode ?? 'aucun : il tourne encore'})`,
    fix: 'Un conteneur partage le noyau de l’hôte : uname -r dans n’importe quel conteneur de l’image l’affiche, sauf si l’image n’a pas uname dans son PATH.',
  },
}
