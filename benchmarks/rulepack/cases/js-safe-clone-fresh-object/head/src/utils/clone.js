function clonePlain(value) {
  if (Array.isArray(value)) {
    return value.map(clonePlain);
  }
  if (value && typeof value === 'object') {
    const copy = {};
    for (const key of Object.keys(value)) {
      copy[key] = clonePlain(value[key]);
    }
    return copy;
  }
  return value;
}

module.exports = { clonePlain };
