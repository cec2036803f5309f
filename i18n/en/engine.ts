/** Messages of exercise 1: Docker Engine is reachable (specs/ex1-engine.spec.ts). */
export const engine = {
  suite: 'Exercise 1 — Docker is installed and running',
}
