#!/usr/bin/env node
// Node 20 cannot run TypeScript: tsx compiles the CLI's modules as they are imported.
import { register } from 'tsx/esm/api'

register()
await import('./grade-class.ts')
