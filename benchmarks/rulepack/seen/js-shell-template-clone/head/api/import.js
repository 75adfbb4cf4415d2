const { execSync } = require("child_process");
const path = require("path");

exports.importRepo = (req, res) => {
  const { repoUrl, name } = req.body;
  const dest = path.join("/srv/imports", String(Date.now()));
  const command = `git clone --depth 1 ${repoUrl} ${dest}`;
  execSync(command, { stdio: "ignore" });
  res.status(201).json({ name, dest });
};
