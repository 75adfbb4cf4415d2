const express = require('express');
const cookieParser = require('cookie-parser');

const routes = require('./routes');

const app = express();
app.use(express.json({ limit: '100kb' }));
app.use(cookieParser());
app.use(routes);

module.exports = app;
