import { DockerfileParser } from 'dockerfile-ast'

/**
 * The TCP ports a Dockerfile's final stage declares with EXPOSE ("EXPOSE 8080", "EXPOSE 8080/tcp 9000"), in order.
 * A port given by a variable ("EXPOSE $PORT") is not a number and is left out.
 */
export function exposedPorts(dockerfile: string): number[] {
  const instructions = DockerfileParser.parse(dockerfile).getInstructions()
  const lastFrom = instructions.map((i) => i.getKeyword()).lastIndexOf('FROM')
  return instructions.slice(Math.max(0, lastFrom)).filter((i) => i.getKeyword() === 'EXPOSE').flatMap((i) =>
    i.getArguments().map((a) => a.getValue()).flatMap((value) => {
      const match = /^(\d+)(?:\/tcp)?$/i.exec(value)
      return match ? [Number(match[1])] : []
    }))
}
