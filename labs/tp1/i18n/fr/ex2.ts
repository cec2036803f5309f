import type { Tp1Catalogue as Catalogue } from '../en/index.js'

const dockerRun = (argv: readonly string[]) =>
  `docker run <votre image> ${argv.map((arg) => (arg.includes(' ') ? `"${arg}"` : arg)).join(' ')}`

export const ex2: Catalogue['ex2'] = {
  notStarted: (argv, reason) => ({
    message: `Docker n’a pas pu lancer ${dockerRun(argv)} : ${reason}.`,
    expected: `${argv[0]} dans le PATH de l’image`,
    seen: reason,
    fix: `${argv[0]} doit être dans le PATH de l’image : partez d’une image Python officielle, et complétez le PATH au lieu de le remplacer (ENV PATH=/app:$PATH, et non ENV PATH=/app).`,
  }),
  wrongOutput: (argv, wanted, exit, output, image) => ({
    message: `${dockerRun(argv)} n’a pas affiché « ${wanted} » en se terminant avec le code 0.`,
    expected: `sortie « ${wanted} », Exited (0)`,
    seen: `Exited (${exit}), sortie : ${JSON.stringify(output)}`,
    fix: `L’image doit avoir python dans son PATH : partez d’une image Python officielle (par exemple ${image}) et ne remplacez pas le PATH.`,
  }),
  sharedKernel: (hostKernel, printed, exitCode) => ({
    message: 'uname -r dans le conteneur n’a pas affiché le noyau de l’hôte Docker.',
    expected: hostKernel,
    seen: printed || `aucune sortie (code de sortie ${exitCode ?? 'aucun : il tourne encore'})`,
    fix: 'Un conteneur partage le noyau de l’hôte : uname -r dans n’importe quel conteneur de l’image l’affiche, sauf si l’image n’a pas uname dans son PATH.',
  }),
}
