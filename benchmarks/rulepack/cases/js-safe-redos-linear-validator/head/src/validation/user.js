const USERNAME = /^[a-z0-9](?:[a-z0-9_-]{1,30}[a-z0-9])?$/i;
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

function validateUser(body) {
  const errors = [];
  if (!USERNAME.test(body.username)) errors.push('username');
  if (!EMAIL.test(String(body.email).slice(0, 254))) errors.push('email');
  return errors;
}

module.exports = { validateUser };
