export { run } from './program.js'
export { EXIT } from './errors.js'
export { resolve as resolveSettings, configFile } from './config.js'
