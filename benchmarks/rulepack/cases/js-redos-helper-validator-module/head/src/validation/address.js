const HOSTNAME = /^([a-z0-9]+(-[a-z0-9]+)*\.)+[a-z]{2,}$/i;
const PATH_SEGMENTS = /^(\/[\w.-]+)+\/?$/;
const MAX_LENGTH = 2048;

function checkCallbackUrl(input) {
  const url = new URL(input);
  if (url.toString().length > MAX_LENGTH) {
    return false;
  }
  return HOSTNAME.test(url.hostname) && /^(\/?[\w-]+\/?)*$/.test(url.pathname);
}

module.exports = { checkCallbackUrl, PATH_SEGMENTS };
