export type { ConfigLayer, RunDefaults } from './config-layer.js';
export { configFiles, LAUNCH_CONFIG_FILE, loadConfigLayers, readConfigFile } from './load-config.js';
export { resolveSettings, RUN_DEFAULTS, type RunSettings } from './resolve-settings.js';
