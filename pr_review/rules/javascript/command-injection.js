const express = require("express");
const app = express();

const { exec, execFile } = require("child_process");
const child_process = require("child_process");

app.post("/ping", (req, res) => {
  const host = req.body.host;
  // ruleid: pr-review.javascript.command-injection
  exec(`ping -c 1 ${host}`, (err, out) => res.send(out));
});

app.post("/thumb", (req, res) => {
  const file = req.query.file;
  const cmd = "convert " + file + " -resize 64x64 out.png";
  // ruleid: pr-review.javascript.command-injection
  child_process.execSync(cmd);
  // ok: pr-review.javascript.command-injection
  execFile("convert", [file, "-resize", "64x64", "out.png"], () => res.end());
});

app.get("/count", (req, res) => {
  const n = parseInt(req.query.n, 10);
  // ok: pr-review.javascript.command-injection
  exec(`seq ${n}`, (e, out) => res.send(out));
});

function cleanup(dir) {
  // ok: pr-review.javascript.command-injection
  exec("rm -rf " + dir);
}

function archive(dir, cb) {
  exec(`tar czf /tmp/out.tgz ${dir}`, cb);
}

function archiveArgv(dir, cb) {
  execFile("tar", ["czf", "/tmp/out.tgz", "--", dir], cb);
}

app.post("/archive", (req, res) => {
  // ruleid: pr-review.javascript.command-injection
  archive(req.body.dir, () => res.end());
  // ok: pr-review.javascript.command-injection
  archiveArgv(req.body.dir, () => res.end());
  // ok: pr-review.javascript.command-injection
  archive("/srv/www", () => res.end());
  // ruleid: pr-review.javascript.command-injection
  purge(req.body.dir);
});

const purge = (dir) => {
  execSync(`rm -rf /tmp/cache/${dir}`);
};
