import { describe, expect, it } from 'vitest'
import { graderComposeConfig, type ComposeConfig } from './compose-config.js'

const studentConfig: ComposeConfig = {
  name: 'tp1',
  services: {
    db: { image: 'postgres:16', ports: [{ mode: 'ingress', target: 5432, published: '5432', protocol: 'tcp' }] },
    api: { build: { context: '/tmp/x/api', dockerfile: 'Dockerfile' }, ports: [{ target: 8000, published: '8000', host_ip: '0.0.0.0' }], depends_on: { db: { condition: 'service_started', required: true } } },
  },
  networks: { default: { name: 'tp1_default' }, outside: { external: true, name: 'shared' } },
}

describe('graderComposeConfig', () => {
  const labels = { 'org.tp1-grader.run': 'r1' }
  const config = graderComposeConfig(studentConfig, labels)

  it('publishes every port on an ephemeral host port', () => {
    expect(config.services.db?.ports).toEqual([{ mode: 'ingress', target: 5432, protocol: 'tcp' }])
    expect(config.services.api?.ports).toEqual([{ target: 8000 }])
  })

  it('labels containers, built images and the networks it creates, not external ones', () => {
    expect(config.services.db?.labels).toEqual(labels)
    expect(config.services.api?.build?.labels).toEqual(labels)
    expect(config.networks?.default).toEqual({ name: 'tp1_default', labels })
    expect(config.networks?.outside).toEqual({ external: true, name: 'shared' })
  })

  it('puts the grader limits in place of the student ones', () => {
    const limited = graderComposeConfig({ services: { api: { image: 'x', mem_limit: '64g', pids_limit: -1 } } }, labels, { mem_limit: '1024m', pids_limit: 512 })
    expect(limited.services.api).toMatchObject({ mem_limit: '1024m', pids_limit: 512 })
  })

  it('leaves the rest of the student configuration alone', () => {
    expect(config.services.api?.depends_on).toEqual(studentConfig.services.api?.depends_on)
    expect(studentConfig.services.db?.ports?.[0]?.published).toBe('5432')
  })
})
