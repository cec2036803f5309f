import type { QuotedLine } from '../../analysis/compose-file.js'
import type { Catalogue } from '../en/index.js'

const TAB_ADVICE = 'YAML interdit les tabulations pour indenter ; indentez avec des espaces (2 par niveau) ; dans votre éditeur, convertissez l’indentation en espaces'

const quote = (q: QuotedLine) => `ligne ${q.line} : ${q.text}`

const yaml: Catalogue['compose']['yaml'] = (file, problem) => {
  if (problem.kind === 'unreadable')
    return { message: `${file} n’est pas du YAML valide : ${problem.reason}`, expected: 'du YAML valide', seen: problem.reason, fix: 'Vérifiez que chaque alias (*nom) renvoie à une ancre (&nom) définie plus haut.' }
  if (problem.kind === 'tab') {
    const { line, tabLines, quoted } = problem
    return {
      message: `${file} : la ligne ${line} est indentée avec une tabulation${tabLines > 1 ? ` (${tabLines} lignes commencent par une tabulation)` : ''} ; ${TAB_ADVICE}.`,
      expected: 'une indentation faite uniquement d’espaces',
      seen: `${quote({ ...quoted, text: quoted.text.replace(/\t/g, '→') })} (→ marque une tabulation)`,
      fix: `${TAB_ADVICE} (VS Code : « Convertir la mise en retrait en espaces », ou « Convert Indentation to Spaces » en anglais, dans la palette de commandes).`,
    }
  }
  const alsoTab = problem.tabLine === undefined ? '' : ` De plus, la ligne ${problem.tabLine} est indentée avec une tabulation : ${TAB_ADVICE}.`
  const seen = problem.quoted.map(quote).join('\n')
  if (problem.kind === 'duplicate') {
    const { key, line, earlier } = problem
    return {
      message: `${file} : la clé ${key ?? '(voir la ligne)'} apparaît deux fois dans le même bloc (${earlier ? `lignes ${earlier} et ${line}` : `ligne ${line}`}) ; en YAML, les clés doivent être uniques`,
      expected: 'du YAML valide',
      seen,
      fix: `Gardez une seule entrée : fusionnez les deux blocs en un seul, ou renommez le second s’il doit désigner autre chose (par exemple un autre service).${alsoTab}`,
    }
  }
  const { line, column, yamlSays } = problem
  const fix = {
    indent: `Vérifiez la ligne ${line} et celle du dessus : les clés d’un même niveau doivent commencer à la même colonne (2 espaces par niveau), et chaque clé doit être suivie d’un deux-points puis d’une espace (clé: valeur).`,
    'missing-char': `Fermez le guillemet ou le crochet ouvert à la ligne ${line} (ou juste avant).`,
    'multiple-docs': 'Gardez un seul document : supprimez le séparateur --- et fusionnez le contenu.',
    'bad-escape': `Entre "guillemets doubles", une barre oblique inverse (\\) commence une séquence d’échappement ; utilisez plutôt des 'guillemets simples' à la ligne ${line}.`,
    other: `Corrigez la ligne ${line} (ou celle juste avant) ; un validateur YAML en ligne montre la structure telle que YAML la comprend.`,
  }[problem.cause]
  return { message: `${file} n’est pas du YAML valide à la ligne ${line}, colonne ${column} : ${yamlSays}`, expected: 'du YAML valide', seen, fix: fix + alsoTab }
}

const policy: Catalogue['compose']['policy'] = {
  privileged: () => 'privileged: true donne au conteneur le contrôle total de la machine hôte',
  capAdd: (capabilities) => `cap_add: ${capabilities.join(', ')} donne au conteneur des pouvoirs supplémentaires sur le noyau`,
  hostNamespace: (key, namespace) => `${key}: host partage l’espace de noms ${namespace} de la machine hôte avec le conteneur`,
  devices: (key) => `${key} : donne au conteneur un accès direct aux périphériques de la machine hôte`,
  unconfined: (option) => `security_opt: ${option} désactive le confinement du conteneur`,
  confinement: (option) => `security_opt: ${option} modifie le confinement du conteneur (seul no-new-privileges est accepté)`,
  machinePower: (key) =>
    `${key} : modifie la façon dont la machine hôte elle-même exécute le conteneur (réglages du noyau, priorités, ressources), ce qu’un rendu n’a pas le droit de faire`,
  dockerSocket: (source) => `volumes: ${source} monte le socket Docker : le conteneur pourrait contrôler Docker lui-même`,
  outsideBind: (source) => `volumes: ${source} monte un dossier de la machine hôte situé hors du rendu`,
  buildOutside: (context) => `build: ${context} est en dehors du dossier du rendu`,
  buildRemote: (context) => `build: ${context} construit à partir d’une source distante ; construisez à partir d’un dossier du rendu`,
  hostFile: (key, file) => `${key} : ${file} est en dehors du rendu ; seuls les fichiers du rendu sont utilisés`,
  variablePath: (key, file) => `${key} : ${file} dépend d’une variable ; écrivez le chemin lui-même, dans le rendu`,
  linkOutside: (file) => `${file} est un lien vers un fichier situé hors du rendu`,
  oneFile: (key) => `${key} : fait entrer un autre fichier Compose ; seul le fichier Compose du rendu est lancé`,
  otherContainer: (key, value) => `${key} : ${value} utilise un conteneur ou un réseau qui ne fait pas partie de ce projet`,
  external: (key) => `${key} : external: true utilise quelque chose qui existe déjà sur la machine hôte, hors du projet ; laissez Compose le créer`,
  hostEnvironment: (key, variable) => `${key} : ${variable} prendrait sa valeur dans l’environnement de la machine qui corrige`,
  graderLabel: (key, label) => `${key} : ${label} est une étiquette que le correcteur ou Compose pose lui-même pour retrouver ce qu’une exécution a créé`,
  driverOptions: (key) => `${key} : des options de pilote peuvent faire d’un volume ou d’un réseau un dossier, un périphérique ou un réseau de la machine hôte`,
  driver: (key, driver) =>
    `${key} : ${driver} n’est pas le pilote propre à Docker ; un autre pilote est un greffon ou un réseau de la machine hôte, qui pourrait atteindre ses dossiers, ses périphériques ou son réseau`,
  propagation: (key, value) => `${key} : ${value} laisserait les montages faits dans le conteneur atteindre la machine hôte`,
  mountType: (key, type) => `${key} : un montage de type ${type} ; le TP n’utilise que des volumes et des dossiers du rendu`,
  buildInputs: (key) => `${key} : donne à la construction des fichiers, des secrets ou des clés pris hors de son dossier de contexte ; construisez à partir du contexte seulement`,
  imageTags: (key) => `${key} : donne d’autres noms à l’image, qui pourraient remplacer des images de la machine hôte`,
  buildNetwork: (key) =>
    `${key} : host exécute les commandes de la construction sur le réseau de la machine qui corrige, où elles atteignent ses propres services ; supprimez-le (la construction a son propre réseau)`,
  addresses: (key) =>
    `${key} : choisit les adresses du réseau, qui pourraient chevaucher les réseaux de la machine qui corrige et l’en couper ; supprimez-le et laissez Docker choisir`,
  hostCredential: (key) => `${key} : utilise un identifiant de la machine qui corrige`,
  unknown: (key) =>
    `${key} : n’est pas un réglage Compose que le correcteur connaît (vérifiez l’orthographe) ; il n’accepte que les réglages qu’il sait sans danger`,
  tooManyPorts: (count, max) => `ports: ${count} ports publiés, au plus ${max} (chacun est un processus sur la machine hôte)`,
  platform: (key, platform, engine) =>
    `${key} : ${platform} n’est pas la plateforme de la machine qui corrige (${engine}) : Compose téléchargerait une autre variante des images sous les mêmes noms, qui remplacerait celles de la machine pour toutes les exécutions suivantes, et leurs programmes ne pourraient pas s’exécuter ici ; supprimez ${key} (Docker prend alors la plateforme de la machine) ou écrivez ${engine}`,
  tooManyNetworks: (count, max) => `networks: ${count} réseaux, au plus ${max} (chacun prend l’une des rares plages d’adresses de la machine hôte)`,
  tooManyServices: (count, max) => `services: ${count} services, au plus ${max} (le TP en a deux)`,
}

export const compose: Catalogue['compose'] = {
  yaml,
  policy,
  refusal: (why) => (policy[why.kind] as (...args: unknown[]) => string)(...why.args),
}
