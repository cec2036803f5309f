import type { Catalogue } from '../en/index.js'

const TAB_ADVICE = 'YAML interdit les tabulations pour indenter ; indentez avec des espaces (2 par niveau) ; dans votre éditeur, convertissez l’indentation en espaces'

export const compose: Catalogue['compose'] = {
  yaml: {
    quote: (line, text) => `ligne ${line} : ${text}`,
    expected: 'du YAML valide',
    invalid: (file, reason) => `${file} n’est pas du YAML valide : ${reason}`,
    aliasFix: 'Vérifiez que chaque alias (*nom) renvoie à une ancre (&nom) définie plus haut.',
    tab: {
      message: (file, line, tabLines) =>
        `${file} : la ligne ${line} est indentée avec une tabulation${tabLines > 1 ? ` (${tabLines} lignes commencent par une tabulation)` : ''} ; ${TAB_ADVICE}.`,
      expected: 'une indentation faite uniquement d’espaces',
      seen: (quoted) => `${quoted} (→ marque une tabulation)`,
      fix: `${TAB_ADVICE} (VS Code : « Convertir la mise en retrait en espaces », ou « Convert Indentation to Spaces » en anglais, dans la palette de commandes).`,
      also: (line) => ` De plus, la ligne ${line} est indentée avec une tabulation : ${TAB_ADVICE}.`,
    },
    invalidAt: (file, line, column, yamlSays) => `${file} n’est pas du YAML valide à la ligne ${line}, colonne ${column} : ${yamlSays}`,
    duplicate: {
      message: (file, key, line, earlier) =>
        `${file} : la clé ${key ?? '(voir la ligne)'} apparaît deux fois dans le même bloc (${earlier ? `lignes ${earlier} et ${line}` : `ligne ${line}`}) ; en YAML, les clés doivent être uniques`,
      fix: 'Gardez une seule entrée : fusionnez les deux blocs en un seul, ou renommez le second s’il doit désigner autre chose (par exemple un autre service).',
    },
    indentFix: (line) =>
      `Vérifiez la ligne ${line} et celle du dessus : les clés d’un même niveau doivent commencer à la même colonne (2 espaces par niveau), et chaque clé doit être suivie d’un deux-points puis d’une espace (clé: valeur).`,
    missingChar: (line) => `Fermez le guillemet ou le crochet ouvert à la ligne ${line} (ou juste avant).`,
    multipleDocs: 'Gardez un seul document : supprimez le séparateur --- et fusionnez le contenu.',
    badEscape: (line) =>
      `Entre "guillemets doubles", une barre oblique inverse (\\) commence une séquence d’échappement ; utilisez plutôt des 'guillemets simples' à la ligne ${line}.`,
    otherFix: (line) => `Corrigez la ligne ${line} (ou celle juste avant) ; un validateur YAML en ligne montre la structure telle que YAML la comprend.`,
  },
  policy: {
    privileged: 'privileged: true donne au conteneur le contrôle total de la machine hôte',
    capAdd: (capabilities) => `cap_add: ${capabilities.join(', ')} donne au conteneur des pouvoirs supplémentaires sur le noyau`,
    hostNamespace: (key, namespace) => `${key}: host partage l’espace de noms ${namespace} de la machine hôte avec le conteneur`,
    devices: 'devices: donne au conteneur un accès direct aux périphériques de la machine hôte',
    unconfined: (option) => `security_opt: ${option} désactive le confinement du conteneur`,
    dockerSocket: (source) => `volumes: ${source} monte le socket Docker : le conteneur pourrait contrôler Docker lui-même`,
    outsideBind: (source) => `volumes: ${source} monte un dossier de la machine hôte situé hors du rendu`,
    buildOutside: (context) => `build: ${context} est en dehors du dossier du rendu`,
    buildRemote: (context) => `build: ${context} construit à partir d’une source distante ; construisez à partir d’un dossier du rendu`,
  },
}
