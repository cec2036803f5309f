/**
 * Whether removing the run's image keeps its untagged parent layers, the classic builder's cache: yes, unless
 * GRADER_KEEP_BUILD_CACHE=0 (the batch tool's setting: a class leaves one set of layers per student that no later
 * run reuses). Its own module: the signal path must not load Testcontainers to read it.
 */
export const keepBuildCache = (): boolean => process.env.GRADER_KEEP_BUILD_CACHE !== '0'
