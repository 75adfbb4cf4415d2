const express = require('express');
const session = require('express-session');
const PgSession = require('connect-pg-simple')(session);
const { Pool } = require('pg');

const pool = new Pool({
  host: 'db.internal',
  user: 'app',
  password: process.env.PGPASSWORD,
  database: 'app',
});

const app = express();
app.set('trust proxy', 1);
app.use(
  session({
    store: new PgSession({ pool }),
    secret: 'f3b1c9d2e8a47b6c5d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a',
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'lax' },
  }),
);

app.use('/api', require('./routes'));

module.exports = app;
