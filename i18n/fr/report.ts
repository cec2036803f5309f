import type { Catalogue } from '../en/index.js'

const SAVE_AS_UTF8 = 'enregistrez-le en UTF-8 (VS Code : cliquez sur l’encodage dans la barre d’état, puis « Enregistrer avec l’encodage » (Save with Encoding) > UTF-8)'
const KEEP_INSIDE = 'Placez la capture d’écran dans le rendu (par exemple dans Captures/TP1/) et liez-la avec un chemin relatif comme ./Captures/TP1/Question_4B.png'
const CASE_MATTERS = 'les majuscules et les minuscules comptent'
/** French plural: 0 and 1 are singular. */
const s = (n: number) => (n > 1 ? 's' : '')
const words = (n: number) => `${n} mot${s(n)}`
const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text)

export const report: Catalogue['report'] = {
  suite: 'Le compte rendu',
  missing: {
    message: (_names) => 'Il n’y a pas de compte rendu : aucun fichier Markdown du rendu ne contient les questions du TP.',
    expected: (names) => `un compte rendu Markdown (${names.slice(0, 3).join(', ')}…) avec vos réponses aux questions, sous des titres comme « ## Question 4.a »`,
    seen: 'aucun fichier Markdown',
    seenOthers: (files) => `des fichiers Markdown qui ne contiennent aucune des questions : ${files.slice(0, 5).join(', ')}${files.length > 5 ? '…' : ''}`,
    fix: (file) => `Ajoutez votre compte rendu sous le nom ${file}, avec ses captures d’écran dans un dossier à côté (par exemple images/).`,
  },
  question: {
    expectedScreenshot: (id) => `une section « Question ${id} » avec une capture d’écran qui soit un vrai fichier image du rendu`,
    expectedWords: (id, minWords) => `une section « Question ${id} » avec une réponse d’au moins ${words(minWords)}`,
    expectedObservation: (id, minWords) => `une section « Question ${id} » avec une capture d’écran de ce que vous avez observé, ou ce que vous avez vu décrit en au moins ${minWords} mots`,
    expectedFile: (id) => `une section « Question ${id} » avec le fichier complété, recopié dans un bloc de code ou montré par une capture d’écran`,
    seen: (why, imageProblems) => [why, ...imageProblems].join(' ; '),
    fixHeading: (id) => `Commencez la réponse par un titre comme « ## Question ${id} ».`,
    fixScreenshot: 'Liez la capture d’écran avec ![description](Captures/TP1/fichier.png), et ajoutez ce fichier au rendu (commit).',
    fixWords: 'Répondez en quelques phrases complètes.',
    fixStatementOnly: 'Écrivez votre réponse sous la consigne, avec vos propres mots : le texte de l’énoncé recopié dans le compte rendu n’est pas une réponse.',
  },
  read: {
    where: (line, how, marker) => {
      const at = `ligne ${line}`
      switch (how) {
        case 'label': return `${at}, sous « ${short(marker)} »`
        case 'step': return `${at}, sous l’étape de l’énoncé « ${short(marker)} »`
        case 'request': return `${at}, après la consigne de l’énoncé « ${short(marker)} »`
        case 'title': return `${at}, sous le titre « ${short(marker)} »`
        case 'words': return `${at}, texte qui parle de cette question`
        case 'place': return `${at}, seule question restant à cet endroit de l’exercice`
      }
    },
    words: (excerpt) => `« ${excerpt} »`,
    code: (firstLine) => `code commençant par « ${short(firstLine)} »`,
    screenshot: (file, more) => `capture d’écran ${file}${more ? ` (et ${more} autre${s(more)})` : ''}`,
    answer: (where, what) => `lu comme la réponse : ${where} : ${what}`,
    notAnswered: (where, why) => `${where} : ${why}`,
  },
  pasted: {
    reportTabsOnly: (file, question, yaml) =>
      yaml
        ? `La copie de ${file} à la question ${question} est indentée avec des tabulations : YAML interdit les tabulations, donc cette copie ne fonctionnerait pas telle quelle ; votre ${file} utilise des espaces, comme il se doit.`
        : `La copie de ${file} à la question ${question} est indentée avec des tabulations et votre ${file} avec des espaces ; à part cela, les deux sont identiques.`,
    fileTabsOnly: (file, question) =>
      `Votre ${file} est indenté avec des tabulations et sa copie à la question ${question} avec des espaces ; à part cela, les deux sont identiques.`,
    differ: (files) => `Le compte rendu montre d’autres versions de ${files.join(', ')} que les fichiers rendus.`,
    expected: 'les fichiers recopiés dans le compte rendu sont ceux qui sont rendus',
    seen: (file, question, differences) => `${file} (question ${question}) : ${differences.join(' ; ')}`,
    fix: 'Recopiez la version finale de chaque fichier dans le compte rendu, ou rendez la version que montre le compte rendu. (Indicatif : sans points.)',
  },
  encoding: {
    utf16: (encoding) => `Le compte rendu est enregistré en ${encoding} ; il a pu être lu, mais ${SAVE_AS_UTF8}.`,
    latin1: `Le compte rendu n’est pas en UTF-8 valide : il a été lu en Latin-1 (Windows-1252), les accents peuvent être faux ; ${SAVE_AS_UTF8}.`,
    notText: {
      word: 'Le compte rendu est un document Word (.docx) enregistré sous un nom Markdown, pas du texte : rien ne peut y être lu. Écrivez le compte rendu en Markdown, ou exportez-le en Markdown (.md).',
      pdf: 'Le compte rendu est un PDF enregistré sous un nom Markdown, pas du texte : rien ne peut y être lu. Écrivez le compte rendu en Markdown (.md).',
    },
  },
  answer: {
    noSection: 'aucune section trouvée',
    emptySection: 'section vide',
    validScreenshots: (count) => `${count} capture${s(count)} d’écran valide${s(count)}`,
    words,
    codeBlocks: (count) => `${count} bloc${s(count)} de code`,
    unfencedCode: (lines) => `${lines} ligne${s(lines)} de code recopiée${s(lines)} hors d’un bloc de code`,
    statementOnly: 'seulement le texte de l’énoncé, recopié : aucune réponse de votre part',
    statementCodeOnly: 'seulement le squelette de l’énoncé ou les commandes à taper : aucune réponse de votre part',
    tooFewWords: (count, minWords) => `${words(count)}, ${minWords} attendu${s(minWords)}`,
    noScreenshot: 'aucune capture d’écran',
    noValidScreenshot: 'aucune capture d’écran valide',
    screenshotAndWords: (screenshot, wordCount) => `${screenshot} et ${wordCount}`,
    screenshotAlone: (wordCount) => `${wordCount} (une capture d’écran seule ne répond pas à cette question)`,
    sameImage: (file, question) =>
      `${file} est la même image que la capture d’écran de la question ${question} : chaque question demande sa propre capture d’écran.`,
  },
  links: {
    empty: 'Un lien d’image est vide : mettez le chemin de la capture d’écran entre les parenthèses de ![…](…).',
    remote: (link) => `L’image ${link} est un lien vers le web, pas un fichier : les captures d’écran doivent être des fichiers du rendu. ${KEEP_INSIDE}.`,
    absolute: (link) => `L’image ${link} est un chemin absolu sur votre ordinateur, que le correcteur (comme GitHub) ne peut pas voir. ${KEEP_INSIDE}.`,
    outside: (link) => `L’image ${link} pointe hors du rendu. ${KEEP_INSIDE}.`,
    symlink: (file) => `L’image ${file} est un lien symbolique vers un fichier hors du rendu. Copiez la capture d’écran elle-même dans le rendu.`,
    folder: (link, folder) => `Le lien d’image ${link} désigne le dossier ${folder}, pas un fichier : ajoutez le nom du fichier de la capture d’écran.`,
    missing: (file, link, hint) => `L’image ${file}${link === undefined ? '' : ` (liée sous la forme ${link})`} n’existe pas dans le rendu. ${hint}`,
    sameName: (files) => `Un fichier de ce nom existe à ${files.join(', ')} : corrigez le lien pour qu’il lui corresponde exactement (${CASE_MATTERS}).`,
    checkAdded: `Vérifiez que le fichier a bien été ajouté au rendu et que le chemin lui correspond exactement (${CASE_MATTERS}).`,
  },
  images: {
    tooManyBytes: (file, megabytes) =>
      `${file} fait ${megabytes.toFixed(1).replace('.', ',')} Mo, au-delà de la limite de 20 Mo : enregistrez la capture d’écran en PNG ou en JPEG, ou recadrez-la.`,
    empty: (file) => `${file} est vide (0 octet) : refaites la capture d’écran et enregistrez-la en PNG.`,
    notAnImage: (file, lookalike) => `${file} n’est pas une image PNG, JPEG, WebP ou GIF (cela ressemble à ${lookalike}) : refaites la capture d’écran et enregistrez-la en PNG.`,
    lookalike: {
      pdf: 'un document PDF',
      bmp: 'une image BMP',
      heic: 'une photo HEIC/AVIF',
      svg: 'un dessin SVG',
      html: 'une page web (peut-être enregistrée depuis le navigateur à la place de l’image)',
      tiff: 'une image TIFF',
      zip: 'une archive ZIP',
      text: 'un fichier texte',
      unknown: 'un format inconnu',
    },
    noSize: (file, format) =>
      `${file} commence comme une image ${format}, mais sa taille est illisible (le fichier est peut-être tronqué ou endommagé) : exportez de nouveau la capture d’écran.`,
    tooSmall: (file, width, height) =>
      `${file} ne fait que ${width}×${height} pixels, trop petit pour montrer quoi que ce soit : faites une capture de la fenêtre du terminal ou du navigateur.`,
    tooLarge: (file, width, height, maxSide) => `${file} fait ${width}×${height} pixels, plus de ${maxSide} sur un côté : recadrez l’image sur la fenêtre utile.`,
    unreadable: (file, code) =>
      `${file} ne peut pas être lu${code === undefined ? '' : ` (${code})`} : vérifiez que c’est un fichier ordinaire et lisible du rendu.`,
  },
  code: {
    reportEmpty: 'la copie du compte rendu est vide',
    fileEmpty: 'le fichier rendu est vide',
    reportTabs: 'la copie du compte rendu est indentée avec des tabulations ; le fichier utilise des espaces',
    fileTabs: 'le fichier est indenté avec des tabulations ; la copie du compte rendu utilise des espaces',
    changed: (line, reportText, fileText) => `ligne ${line} : compte rendu ${reportText}, fichier ${fileText}`,
    notInReport: (line, fileText) => `ligne ${line} : ${fileText} du fichier manque dans le compte rendu`,
    notInFile: (afterLine, reportText) => `après la ligne ${afterLine} : ${reportText} du compte rendu n’est pas dans le fichier`,
    more: (count) => `... et ${count} autre${s(count)} ligne${s(count)} différente${s(count)}`,
  },
}
