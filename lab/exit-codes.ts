/** What a container's exit code means, in words a beginner can act on. */
export function describeExitCode(code: number, options: { oomKilled?: boolean } = {}): string {
  if (options.oomKilled) return `${code}: killed: out of memory`
  switch (code) {
    case 0: return '0: it finished normally'
    case 1: return '1: the program stopped with an error (read the log below)'
    case 2: return '2: the command was used wrongly (a bad option or argument)'
    case 126: return '126: the command was found but could not be executed (permissions, or not a program)'
    case 127: return '127: command not found (a typo in CMD, or the program is not installed in the image)'
    case 137: return '137: killed with SIGKILL (by docker stop after the grace period, or out of memory)'
    case 139: return '139: crashed (segmentation fault)'
    case 143: return '143: stopped by SIGTERM without handling it'
    default: return code > 128 ? `${code}: killed by signal ${code - 128}` : `${code}: the program stopped with an error`
  }
}
