import type { Catalogue } from '../en/index.js'

export const lms: Catalogue['lms'] = {
  score: (title, score, max, scaled, scale) => `${title} : ${score} / ${max}, soit ${scaled} / ${scale}.`,
  lost: (items) => `Points non obtenus : ${items.join(' ; ')}.`,
  lostItem: (title, id, points) => `${title} (${id}) −${points}`,
  allEarned: 'Tous les points automatiques sont obtenus.',
  reviewPending: 'Votre compte rendu n’a pas encore été relu : ses points automatiques comptent d’ici là.',
  missedDeadline: (deadline, latest) => `Aucun commit à la date limite (${deadline}) ou avant${latest ? ` : votre dernier commit date du ${latest}` : ''}. Pas de note.`,
}
