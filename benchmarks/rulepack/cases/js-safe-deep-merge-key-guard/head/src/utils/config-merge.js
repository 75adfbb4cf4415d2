const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const mergeConfig = (target, source) => {
  for (const [key, value] of Object.entries(source)) {
    if (UNSAFE_KEYS.has(key)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      target[key] = mergeConfig(target[key] ?? Object.create(null), value);
    } else {
      target[key] = value;
    }
  }
  return target;
};

module.exports = { mergeConfig };
