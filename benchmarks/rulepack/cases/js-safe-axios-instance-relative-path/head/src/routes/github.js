const axios = require("axios");
const express = require("express");

const router = express.Router();
const githubClient = axios.create({
  baseURL: "https://api.github.com",
  timeout: 5000,
  headers: { Accept: "application/vnd.github+json" },
});

router.get("/repos/:owner/:repo/stars", async (req, res, next) => {
  try {
    const { owner, repo } = req.params;
    const r = await githubClient.get(`/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`);
    res.json({ stars: r.data.stargazers_count });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
