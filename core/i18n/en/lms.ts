/** The feedback written beside the grade in the files the school's platform (Moodle) imports: the student reads it there. */
export const lms = {
  score: (title: string, score: string, max: string, scaled: string, scale: string) => `${title}: ${score} / ${max}, that is ${scaled} / ${scale}.`,
  lost: (items: readonly string[]) => `Points not earned: ${items.join('; ')}.`,
  lostItem: (title: string, id: string, points: string) => `${title} (${id}) −${points}`,
  allEarned: 'Every automatic point earned.',
  reviewPending: 'Your written report has not been reviewed yet: its automatic points count until then.',
  missedDeadline: (deadline: string, latest: string | undefined, cutoff: string | undefined) =>
    `Nothing was committed at or before the deadline (${deadline})${cutoff ? ` nor before the late cut-off (${cutoff})` : ''}${latest ? `: your latest commit is from ${latest}` : ''}.`,
  /** The grade the instructor chose for no hand-in (--missed-grade). */
  missedGrade: (grade: string, scale: string) => `Grade for no hand-in: ${grade} / ${scale}.`,
  /** How late: `1 d 2 h 5 min`. */
  duration: { day: 'd', hour: 'h', minute: 'min' },
  handInHeading: 'Hand-in',
  tagged: (tag: string, date: string) => `Graded at your tag ${tag} (commit of ${date}).`,
  lateTag: (tag: string, date: string) => `Your tag ${tag} (commit of ${date}) came after the late cut-off: it was not graded, the commit the deadline rule chose was.`,
  extension: (deadline: string) => `Your deadline: ${deadline} (an extension).`,
  lateWithinGrace: (late: string, deadline: string) => `Handed in ${late} after the deadline (${deadline}), within the grace period: no penalty.`,
  lateNoPenalty: (late: string, deadline: string) => `Handed in ${late} after the deadline (${deadline}): accepted without penalty.`,
  latePenalty: (late: string, deadline: string, percent: string, before: string, after: string, max: string) =>
    `Handed in ${late} after the deadline (${deadline}): late penalty −${percent} % of the maximum score, ${before} / ${max} becomes ${after} / ${max}.`,
}
