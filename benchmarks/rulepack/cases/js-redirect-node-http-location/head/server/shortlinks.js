const http = require('http');
const { URL } = require('url');
const { lookupSlug } = require('./store');

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  if (url.pathname === '/go') {
    const fallback = url.searchParams.get('fallback');
    const target = (await lookupSlug(url.searchParams.get('s'))) || fallback;
    res.writeHead(302, { Location: target });
    return res.end();
  }
  res.writeHead(404).end();
});

module.exports = server;
