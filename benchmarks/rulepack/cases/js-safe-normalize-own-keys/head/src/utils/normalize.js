function normalizeInput(value) {
  if (Array.isArray(value)) {
    return value.map(normalizeInput);
  }
  if (value && typeof value === 'object') {
    for (const field of Object.keys(value)) {
      value[field] = normalizeInput(value[field]);
    }
    return value;
  }
  return typeof value === 'string' ? value.normalize('NFC').trim() : value;
}

module.exports = { normalizeInput };
