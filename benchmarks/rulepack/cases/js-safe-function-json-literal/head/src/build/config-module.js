const fs = require('fs');

const TEMPLATE = 'return Object.freeze(config);';

function loadSettings(file) {
  const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
  const factory = new Function('config', TEMPLATE);
  return factory(settings);
}

function inlineDefaults(defaults) {
  return new Function(`return ${JSON.stringify(defaults)};`);
}

module.exports = { loadSettings, inlineDefaults };
