const express = require('express');
const session = require('express-session');

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} must be set`);
  }
  return value;
}

const app = express();
app.set('trust proxy', 1);
app.use(
  session({
    secret: requiredEnv('SESSION_SECRET'),
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'lax' },
  }),
);

app.use('/api', require('./routes'));

module.exports = app;
