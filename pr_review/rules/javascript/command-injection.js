const express = require("express");
const app = express();

const { exec, execFile, execSync } = require("child_process");
const execAsync = require("util").promisify(exec);
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
  // ruleid: pr-review.javascript.command-injection
  exec("rm -rf " + dir);
}

function archive(dir, cb) {
  // ruleid: pr-review.javascript.command-injection
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
  // ruleid: pr-review.javascript.command-injection
  execSync(`rm -rf /tmp/cache/${dir}`);
};

const quote = require("shell-quote").quote;
const UPLOAD_DIR = "/srv/uploads";

function transcode(input, format, bitrate) {
  const output = `${input}.${format}`;
  return new Promise((resolve, reject) => {
    // ruleid: pr-review.javascript.command-injection
    exec(`ffmpeg -y -i "${input}" -b:a ${bitrate} "${output}"`, { timeout: 60000 }, (err) => {
      if (err) return reject(err);
      resolve(output);
    });
  });
}

async function gitLog(repoDir, ref) {
  const cmd = "git -C " + repoDir + " log --oneline " + ref;
  // ruleid: pr-review.javascript.command-injection
  const { stdout } = await execAsync(cmd);
  return stdout;
}

class Converter {
  run(name) {
    // ruleid: pr-review.javascript.command-injection
    return child_process.execSync(["convert", name, "out.pdf"].join(" "));
  }

  quoted(name) {
    // ok: pr-review.javascript.command-injection
    return child_process.execSync(`convert ${quote([name])} out.pdf`);
  }

  checked(name) {
    if (!/^[\w-]+\.png$/.test(name)) {
      throw new Error("bad name");
    }
    // ok: pr-review.javascript.command-injection
    return child_process.execSync(`convert ${UPLOAD_DIR}/${name} out.pdf`);
  }

  constants() {
    // ok: pr-review.javascript.command-injection
    return execSync(`du -sh ${UPLOAD_DIR} ${process.env.HOME}`);
  }
}

function thumbnailOf(source, width) {
  const size = Number(width) || 128;
  // ok: pr-review.javascript.command-injection
  return execSync(`convert ${quote([source])} -thumbnail ${size}x${size} out.png`);
}

const { spawn } = require("child_process");
function grepLogs(pattern) {
  // ruleid: pr-review.javascript.command-injection
  return spawn(`grep -r ${pattern} /var/log/app`, { shell: true });
}
function grepLogsArgv(pattern) {
  // ok: pr-review.javascript.command-injection
  return spawn("grep", ["-r", "--", pattern, "/var/log/app"]);
}

const CODECS = { mp3: "libmp3lame", ogg: "libvorbis" };
function encode(fmt) {
  const codec = CODECS[fmt];
  // ok: pr-review.javascript.command-injection
  return execSync(`ffmpeg -i in.wav -c:a ${codec} out.${CODECS[fmt]}`);
}
