/** The feedback written beside the grade in the files the school's platform (Moodle) imports: the student reads it there. */
export const lms = {
  score: (title: string, score: string, max: string, scaled: string, scale: string) => `${title}: ${score} / ${max}, that is ${scaled} / ${scale}.`,
  lost: (items: readonly string[]) => `Points not earned: ${items.join('; ')}.`,
  lostItem: (title: string, id: string, points: string) => `${title} (${id}) −${points}`,
  allEarned: 'Every automatic point earned.',
  reviewPending: 'Your written report has not been reviewed yet: its automatic points count until then.',
  missedDeadline: (deadline: string, latest: string | undefined) =>
    `Nothing was committed at or before the deadline (${deadline})${latest ? `: your latest commit is from ${latest}` : ''}. No grade.`,
}
