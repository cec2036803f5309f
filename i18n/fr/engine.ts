import type { Catalogue } from '../en/index.js'

export const engine: Catalogue['engine'] = {
  suite: 'Exercice 1 — Docker est installé et démarré',
}
