/** Node fires a longer timer at once (TimeoutOverflowWarning): a generous GRADER_TIMEOUT_* must not mean none. */
const LONGEST_TIMER_MS = 2 ** 31 - 1

/**
 * `work`'s outcome, or `onTimeout()`'s once `timeoutMs` have passed, whichever comes first: a value to resolve
 * with (undefined: "still running"), or an error it throws. The timer never outlives the race, and `work` ending
 * later, even in an error, is no unhandled rejection (the race has handled it).
 */
export async function within<T, U>(work: Promise<T>, timeoutMs: number, onTimeout: () => U): Promise<T | U> {
  timeoutMs = Math.min(timeoutMs, LONGEST_TIMER_MS)
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<U>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout())
      } catch (error) {
        reject(error)
      }
    }, timeoutMs)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}
