/** The parts of `docker compose config --format json` the grader reads. Compose normalises short syntax. */
export interface ComposeConfig {
  name?: string
  services: Record<string, ComposeService>
  networks?: Record<string, Record<string, unknown> | null>
  volumes?: Record<string, Record<string, unknown> | null>
  [key: string]: unknown
}

export interface ComposeService {
  image?: string
  build?: { context: string; dockerfile?: string; labels?: Record<string, string>; args?: Record<string, string | null>; [key: string]: unknown }
  environment?: Record<string, string | null>
  ports?: { target: number; published?: string; host_ip?: string; protocol?: string; mode?: string }[]
  depends_on?: Record<string, { condition: string; required?: boolean; restart?: boolean }>
  labels?: Record<string, string>
  [key: string]: unknown
}
