const express = require('express');
const path = require('node:path');

const app = express();
app.disable('x-powered-by');
app.use('/docs', express.static(path.join(__dirname, '..', 'site'), { maxAge: '1h' }));

module.exports = app;
