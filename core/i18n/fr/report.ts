import type { AnswerWhy } from '../../analysis/report.js'
import type { CodeDifference } from '../../analysis/report-code.js'
import type { Lookalike } from '../../analysis/report-images.js'
import type { OutputFact } from '../../analysis/report-output.js'
import type { ImageProblem, ReadAnswer } from '../../analysis/report-review.js'
import type { Catalogue } from '../en/index.js'

const SAVE_AS_UTF8 = 'enregistrez-le en UTF-8 (VS Code : cliquez sur l’encodage dans la barre d’état, puis « Enregistrer avec l’encodage » (Save with Encoding) > UTF-8)'
const KEEP_INSIDE = 'Placez la capture d’écran dans le rendu (par exemple dans Captures/TP1/) et liez-la avec un chemin relatif comme ./Captures/TP1/Question_4B.png'
const CASE_MATTERS = 'les majuscules et les minuscules comptent'
/** French plural: 0 and 1 are singular. */
const s = (n: number) => (n > 1 ? 's' : '')
const words = (n: number) => `${n} mot${s(n)}`
const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text)
/** An image link as written, quoted. */
const link = (text: string) => `"${text.length > 80 ? `${text.slice(0, 77)}...` : text}"`
/** A line of code as written, quoted. */
const code = (text: string) => `\`${text.length > 70 ? `${text.slice(0, 67)}...` : text}\``

const LOOKALIKE: Record<Lookalike, string> = {
  pdf: 'un document PDF',
  bmp: 'une image BMP',
  heic: 'une photo HEIC/AVIF',
  svg: 'un dessin SVG',
  html: 'une page web (peut-être enregistrée depuis le navigateur à la place de l’image)',
  tiff: 'une image TIFF',
  zip: 'une archive ZIP',
  text: 'un fichier texte',
  unknown: 'un format inconnu',
}

function fact(f: OutputFact): string {
  if ('json' in f) return `le JSON ${JSON.stringify(f.json)}`
  if ('text' in f) return f.text.map((t) => `« ${t} »`).join(' ou ')
  if ('version' in f) return `${f.version.name} ${f.version.major}`
  if ('cell' in f) return `la valeur ${f.cell} dans le résultat`
  return `les services ${f.running.join(' et ')} en marche (Up, running ou Started)`
}
const facts = (list: readonly OutputFact[]) => list.map(fact).join(', ')

function why(why: AnswerWhy): string {
  switch (why.reason) {
    case 'no-section': return 'aucune section trouvée'
    case 'empty-section': return 'section vide'
    case 'statement-only': return 'seulement le texte de l’énoncé, recopié : aucune réponse de votre part'
    case 'statement-code-only': return 'seulement le squelette de l’énoncé ou les commandes à taper : aucune réponse de votre part'
    case 'no-screenshot': return 'aucune capture d’écran'
    case 'no-valid-screenshot': return 'aucune capture d’écran valide'
    case 'valid-screenshots': return `${why.count} capture${s(why.count)} d’écran valide${s(why.count)}`
    case 'words': return words(why.count)
    case 'code-blocks': return `${why.count} bloc${s(why.count)} de code`
    case 'unfenced-code': return `${why.count} ligne${s(why.count)} de code recopiée${s(why.count)} hors d’un bloc de code`
    case 'pasted-output': return `la sortie de la commande recopiée en texte (${why.count} bloc${s(why.count)} ${why.block === 'code' ? 'de code' : 'de citation'}) au lieu d’une capture d’écran`
    case 'command-only': return 'un bloc de code qui ne contient que la commande à taper, pas ce qu’elle a affiché'
    case 'output-lacks': return `la sortie recopiée ne montre pas ${facts(why.missing)}`
    case 'file-in-hand-in': return `le fichier ${why.file} complété est dans le rendu`
    case 'too-few-words': {
      const wordCount = `${words(why.words)}, ${why.minWords} attendu${s(why.minWords)}`
      switch (why.screenshot) {
        case 'none': return `aucune capture d’écran et ${wordCount}`
        case 'invalid': return `aucune capture d’écran valide et ${wordCount}`
        case 'alone': return `${wordCount} (une capture d’écran seule ne répond pas à cette question)`
        case undefined: return wordCount
      }
    }
  }
}

function read({ line, how, marker, answer }: ReadAnswer): string {
  const at = `ligne ${line}`
  const where = {
    label: `${at}, sous « ${short(marker)} »`,
    step: `${at}, sous l’étape de l’énoncé « ${short(marker)} »`,
    request: `${at}, après la consigne de l’énoncé « ${short(marker)} »`,
    title: `${at}, sous le titre « ${short(marker)} »`,
    words: `${at}, texte qui parle de cette question`,
    place: `${at}, seule question restant à cet endroit de l’exercice`,
  }[how]
  if (!answer) return where
  const what = answer.kind === 'screenshot' ? `capture d’écran ${answer.file}${answer.more ? ` (et ${answer.more} autre${s(answer.more)})` : ''}`
    : answer.kind === 'words' ? `« ${answer.excerpt} »`
      : answer.kind === 'output' ? `sortie recopiée en texte (${answer.block === 'code' ? 'bloc de code' : 'bloc de citation'}) commençant par « ${short(answer.firstLine)} »`
        : `code commençant par « ${short(answer.firstLine)} »`
  return `lu comme la réponse : ${where} : ${what}`
}

function image(problem: ImageProblem): string {
  switch (problem.kind) {
    case 'empty-link': return 'Un lien d’image est vide : mettez le chemin de la capture d’écran entre les parenthèses de ![…](…).'
    case 'remote': return `L’image ${link(problem.link)} est un lien vers le web, pas un fichier : les captures d’écran doivent être des fichiers du rendu. ${KEEP_INSIDE}.`
    case 'absolute': return `L’image ${link(problem.link)} est un chemin absolu sur votre ordinateur, que le correcteur (comme GitHub) ne peut pas voir. ${KEEP_INSIDE}.`
    case 'outside': return `L’image ${link(problem.link)} pointe hors du rendu. ${KEEP_INSIDE}.`
    case 'symlink': return `L’image ${problem.file} est un lien symbolique vers un fichier hors du rendu. Copiez la capture d’écran elle-même dans le rendu.`
    case 'folder': return `Le lien d’image ${link(problem.link)} désigne le dossier ${problem.folder}, pas un fichier : ajoutez le nom du fichier de la capture d’écran.`
    case 'missing': {
      const hint = problem.sameName.length
        ? `Un fichier de ce nom existe à ${problem.sameName.slice(0, 3).join(', ')} : corrigez le lien pour qu’il lui corresponde exactement (${CASE_MATTERS}).`
        : `Vérifiez que le fichier a bien été ajouté au rendu et que le chemin lui correspond exactement (${CASE_MATTERS}).`
      return `L’image ${problem.file}${problem.link === undefined ? '' : ` (liée sous la forme ${link(problem.link)})`} n’existe pas dans le rendu. ${hint}`
    }
    case 'too-many-bytes':
      return `${problem.file} fait ${problem.megabytes.toFixed(1).replace('.', ',')} Mo, au-delà de la limite de ${problem.maxMegabytes} Mo : enregistrez la capture d’écran en PNG ou en JPEG, ou recadrez-la.`
    case 'empty-file': return `${problem.file} est vide (0 octet) : refaites la capture d’écran et enregistrez-la en PNG.`
    case 'not-an-image':
      return `${problem.file} n’est pas une image PNG, JPEG, WebP ou GIF (cela ressemble à ${LOOKALIKE[problem.lookalike]}) : refaites la capture d’écran et enregistrez-la en PNG.`
    case 'no-size':
      return `${problem.file} commence comme une image ${problem.format.toUpperCase()}, mais sa taille est illisible (le fichier est peut-être tronqué ou endommagé) : exportez de nouveau la capture d’écran.`
    case 'too-small':
      return `${problem.file} ne fait que ${problem.width}×${problem.height} pixels, trop petit pour montrer quoi que ce soit : faites une capture de la fenêtre du terminal ou du navigateur.`
    case 'too-large': return `${problem.file} fait ${problem.width}×${problem.height} pixels, plus de ${problem.maxSide} sur un côté : recadrez l’image sur la fenêtre utile.`
    case 'unreadable':
      return `${problem.file} ne peut pas être lu${problem.code === undefined ? '' : ` (${problem.code})`} : vérifiez que c’est un fichier ordinaire et lisible du rendu.`
    case 'same-image':
      return `${problem.file} est la même image que la capture d’écran de la question ${problem.question} : chaque question demande sa propre capture d’écran.`
  }
}

function difference(d: CodeDifference): string {
  switch (d.kind) {
    case 'report-empty': return 'la copie du compte rendu est vide'
    case 'file-empty': return 'le fichier rendu est vide'
    case 'report-tabs': return 'la copie du compte rendu est indentée avec des tabulations ; le fichier utilise des espaces'
    case 'file-tabs': return 'le fichier est indenté avec des tabulations ; la copie du compte rendu utilise des espaces'
    case 'changed': return `ligne ${d.line} : compte rendu ${code(d.report)}, fichier ${code(d.file)}`
    case 'not-in-report': return `ligne ${d.line} : ${code(d.file)} du fichier manque dans le compte rendu`
    case 'not-in-file': return `après la ligne ${d.afterLine} : ${code(d.report)} du compte rendu n’est pas dans le fichier`
    case 'more': return `... et ${d.count} autre${s(d.count)} ligne${s(d.count)} différente${s(d.count)}`
  }
}

export const report: Catalogue['report'] = {
  checkTitle: (questions) =>
    `Compte rendu : question${questions.length > 1 ? 's' : ''} ${questions.join(', ')} traitée${questions.length > 1 ? 's' : ''}, captures réelles`,
  questionTitle: (question) => `question ${question}`,
  missing: (names, others) => ({
    message: 'Il n’y a pas de compte rendu : aucun fichier Markdown du rendu ne contient les questions du TP.',
    expected: `un compte rendu Markdown (${names.slice(0, 3).join(', ')}…) avec vos réponses aux questions, sous des titres comme « ## Question 4.a »`,
    seen: others.length ? `des fichiers Markdown qui ne contiennent aucune des questions : ${others.slice(0, 5).join(', ')}${others.length > 5 ? '…' : ''}` : 'aucun fichier Markdown',
    fix: `Ajoutez votre compte rendu sous le nom ${names[0]}, avec ses captures d’écran dans un dossier à côté (par exemple images/).`,
  }),
  answered: (question) =>
    question.why.reason === 'file-in-hand-in'
      ? { seen: question.read ? `${read(question.read)} : ${why(question.why)}` : why(question.why) }
      : question.read && { seen: read(question.read) },
  unanswered: (id, kind, minWords, question, output) => ({
    expected: {
      screenshot: `une section « Question ${id} » avec une capture d’écran qui soit un vrai fichier image du rendu${output ? `, ou la sortie de la commande recopiée en texte dans un bloc de code, qui montre ${facts(output)}` : ''}`,
      file: `une section « Question ${id} » avec le fichier complété, recopié dans un bloc de code ou montré par une capture d’écran`,
      observation: `une section « Question ${id} » avec une capture d’écran de ce que vous avez observé, ou ce que vous avez vu décrit en au moins ${minWords} mots`,
      text: `une section « Question ${id} » avec une réponse d’au moins ${words(minWords)}`,
    }[kind],
    seen: [question.read ? `${read(question.read)} : ${why(question.why)}` : why(question.why), ...question.imageProblems.map(image)].join(' ; '),
    fix: question.why.reason === 'no-section'
      ? `Commencez la réponse par un titre comme « ## Question ${id} ».`
      : question.why.reason === 'statement-only' || question.why.reason === 'statement-code-only'
        ? 'Écrivez votre réponse sous la consigne, avec vos propres mots : le texte de l’énoncé recopié dans le compte rendu n’est pas une réponse.'
        : question.why.reason === 'command-only' || question.why.reason === 'output-lacks'
          ? 'Recopiez sous la commande ce qu’elle a affiché (le texte du terminal, dans un bloc de code), ou liez une capture d’écran.'
          : kind === 'screenshot' ? 'Liez la capture d’écran avec ![description](Captures/TP1/fichier.png), et ajoutez ce fichier au rendu (commit).' : 'Répondez en quelques phrases complètes.',
  }),
  pasted: {
    differ: (pastes) => ({
      message: `Le compte rendu montre d’autres versions de ${pastes.map((p) => p.file).join(', ')} que les fichiers rendus.`,
      expected: 'les fichiers recopiés dans le compte rendu sont ceux qui sont rendus',
      seen: pastes.map((p) => `${p.file} (question ${p.question}) : ${p.differences.map(difference).join(' ; ')}`).join('\n'),
      fix: 'Recopiez la version finale de chaque fichier dans le compte rendu, ou rendez la version que montre le compte rendu. (Indicatif : sans points.)',
    }),
    tabsOnly: (file, question, tabs) =>
      tabs === 'file'
        ? `Votre ${file} est indenté avec des tabulations et sa copie à la question ${question} avec des espaces ; à part cela, les deux sont identiques.`
        : /\.ya?ml$/i.test(file)
          ? `La copie de ${file} à la question ${question} est indentée avec des tabulations : YAML interdit les tabulations, donc cette copie ne fonctionnerait pas telle quelle ; votre ${file} utilise des espaces, comme il se doit.`
          : `La copie de ${file} à la question ${question} est indentée avec des tabulations et votre ${file} avec des espaces ; à part cela, les deux sont identiques.`,
  },
  decoded: (note) => {
    switch (note.kind) {
      case 'truncated':
        return `Le compte rendu fait ${note.megabytes.toFixed(1).replace('.', ',')} Mo : il n’a été lu que jusqu’à ses premiers ${String(note.readMegabytes).replace('.', ',')} Mo de texte. Laissez les logs et les longues sorties hors du compte rendu (leurs dernières lignes suffisent).`
      case 'images-unchecked':
        return `Le compte rendu lie ${note.total} images : seules les ${note.checked} premières ont été vérifiées. Ne liez que les captures d’écran que demandent les questions.`
      case 'utf-16': return `Le compte rendu est enregistré en ${note.encoding.toUpperCase()} ; il a pu être lu, mais ${SAVE_AS_UTF8}.`
      case 'latin-1': return `Le compte rendu n’est pas en UTF-8 valide : il a été lu en Latin-1 (Windows-1252), les accents peuvent être faux ; ${SAVE_AS_UTF8}.`
      case 'not-text':
        return note.format === 'word'
          ? 'Le compte rendu est un document Word (.docx) enregistré sous un nom Markdown, pas du texte : rien ne peut y être lu. Écrivez le compte rendu en Markdown, ou exportez-le en Markdown (.md).'
          : 'Le compte rendu est un PDF enregistré sous un nom Markdown, pas du texte : rien ne peut y être lu. Écrivez le compte rendu en Markdown (.md).'
    }
  },
  leftOut: (notes) => {
    const list = (paths: readonly string[]) => `${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ` et ${paths.length - 5} autre${s(paths.length - 5)}` : ''}`
    const links = (reason: 'outside' | 'broken' | 'loop') => notes.links.filter((l) => l.reason === reason).map((l) => l.path)
    return [
      links('loop').length ? `Des liens symboliques qui ramènent à un dossier au-dessus d’eux (une boucle) ont été ignorés : ${list(links('loop'))}.` : '',
      links('outside').length ? `Des liens symboliques vers des fichiers ou dossiers hors du rendu ont été ignorés : ${list(links('outside'))}.` : '',
      links('broken').length ? `Des liens symboliques qui ne mènent nulle part ont été ignorés : ${list(links('broken'))}.` : '',
      notes.tooDeep.length ? `Des dossiers trop profondément imbriqués ont été ignorés : ${list(notes.tooDeep)}.` : '',
      notes.entriesCapped ? `Le rendu contient plus de ${notes.entriesCapped} fichiers et dossiers : seuls les ${notes.entriesCapped} premiers ont été lus.` : '',
      'Rien de cela n’a été corrigé : ajoutez au dépôt les fichiers eux-mêmes, pas des liens, et seulement ce dont le TP a besoin.',
    ].filter(Boolean).join(' ')
  },
  why,
  read,
  image,
  difference,
  fact,
}
