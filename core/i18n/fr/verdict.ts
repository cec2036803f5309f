import type { Catalogue } from '../en/index.js'

export const verdict: Catalogue['verdict'] = {
  passed: 'réussi',
  ungraded: (reason) => `Le correcteur n’a pas pu faire cette vérification (ce n’est pas votre faute) : ${reason}`,
  partsRecorded: (recorded, total) => `le correcteur a relevé ${recorded} partie${recorded > 1 ? 's' : ''} sur ${total} pour cette vérification`,
  partsMissing: (missing, total, titles) => `${missing} partie${missing > 1 ? 's' : ''} sur ${total} manque${missing > 1 ? 'nt' : ''} : ${titles.join(' ; ')}`,
  unfinished: (why) => `Le correcteur n’a pas pu terminer cette vérification (ce n’est pas votre faute)${why ? ` : ${why}` : '.'}`,
  notRun: (why) => `Le correcteur n’a pas lancé cette vérification (ce n’est pas votre faute)${why ? ` : ${why}` : '.'}`,
  submissionUngraded: (reason) => `Le correcteur n’a pas pu corriger ce rendu (ce n’est pas votre faute) : ${reason}.`,
  lost: {
    timeLimit: (seconds) => `la correction a dépassé le temps imparti (${seconds} s) et a été arrêtée`,
    couldNotStart: (error) => `le correcteur n’a pas pu démarrer : ${error}`,
    noGrade: (how, lastLine) => `le correcteur s’est arrêté sans écrire de note (${how}) : ${lastLine}`,
  },
  interrupted: 'la correction a été interrompue avant cette vérification',
}
