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
    expect(config.networks?.default).toEqual({ labels })
    expect(config.networks?.outside).toEqual({ external: true, name: 'shared' })
  })

  it('puts the grader limits in place of the student ones', () => {
    const limited = graderComposeConfig({ services: { api: { image: 'x', mem_limit: '64g', pids_limit: -1 } } }, labels, { mem_limit: '1024m', pids_limit: 512 })
    expect(limited.services.api).toMatchObject({ mem_limit: '1024m', pids_limit: 512 })
  })

  it('publishes the ports the grader probes, whatever the student published', () => {
    const probed = graderComposeConfig({ services: { db: { image: 'postgres:16' }, api: { build: { context: '/x' }, ports: [{ target: 80, published: '8000' }] } } }, labels, {}, { db: [5432], api: [8000] })
    expect(probed.services.db?.ports).toEqual([{ target: 5432, protocol: 'tcp' }])
    expect(probed.services.api?.ports).toEqual([{ target: 80 }, { target: 8000, protocol: 'tcp' }])
  })

  it('keeps no machine-wide name: container_name becomes an alias, a built image loses its tag, networks and volumes their name', () => {
    const named = graderComposeConfig({
      services: { db: { image: 'postgres:16', container_name: 'tp1-db', networks: { default: null } }, api: { build: { context: '/x' }, image: 'tp1-api' } },
      volumes: { pgdata: { name: 'my-pgdata' }, shared: { external: true, name: 'shared' } },
    }, labels)
    expect(named.services.db).not.toHaveProperty('container_name')
    expect(named.services.db?.networks).toEqual({ default: { aliases: ['tp1-db'] } })
    expect(named.services.db?.image).toBe('postgres:16')
    expect(named.services.api).not.toHaveProperty('image')
    expect(named.volumes).toEqual({ pgdata: { labels }, shared: { external: true, name: 'shared' } })
  })

  it('leaves the rest of the student configuration alone', () => {
    expect(config.services.api?.depends_on).toEqual(studentConfig.services.api?.depends_on)
    expect(studentConfig.services.db?.ports?.[0]?.published).toBe('5432')
  })
})
