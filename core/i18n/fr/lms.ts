import type { Catalogue } from '../en/index.js'

export const lms: Catalogue['lms'] = {
  score: (title, score, max, scaled, scale) => `${title} : ${score} / ${max}, soit ${scaled} / ${scale}.`,
  lost: (items) => `Points non obtenus : ${items.join(' ; ')}.`,
  lostItem: (title, id, points) => `${title} (${id}) −${points}`,
  allEarned: 'Tous les points automatiques sont obtenus.',
  reviewPending: 'Votre compte rendu n’a pas encore été relu : ses points automatiques comptent d’ici là.',
  missedDeadline: (deadline, latest, cutoff) =>
    `Aucun commit à la date limite (${deadline}) ou avant${cutoff ? `, ni avant la clôture des retards (${cutoff})` : ''}${latest ? ` : votre dernier commit date du ${latest}` : ''}.`,
  missedGrade: (grade, scale) => `Note pour un rendu absent : ${grade} / ${scale}.`,
  duration: { day: 'j', hour: 'h', minute: 'min' },
  handInHeading: 'Rendu',
  tagged: (tag, date) => `Noté à votre tag ${tag} (commit du ${date}).`,
  lateTag: (tag, date) => `Votre tag ${tag} (commit du ${date}) est postérieur à la clôture des retards : il n’a pas été noté, le commit choisi par la règle de la date limite l’a été.`,
  extension: (deadline) => `Votre date limite : ${deadline} (un délai accordé).`,
  lateWithinGrace: (late, deadline) => `Rendu ${late} après la date limite (${deadline}), dans le délai de grâce : pas de pénalité.`,
  lateNoPenalty: (late, deadline) => `Rendu ${late} après la date limite (${deadline}) : accepté sans pénalité.`,
  latePenalty: (late, deadline, percent, before, after, max) =>
    `Rendu ${late} après la date limite (${deadline}) : pénalité de retard de −${percent} % de la note maximale, ${before} / ${max} devient ${after} / ${max}.`,
}
